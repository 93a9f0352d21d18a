//! Writing a document's files back: new values merged into the original TOML with `toml_edit`,
//! so comments and layout survive where nothing changed.

use serde::Serialize;
use toml_edit::visit_mut::VisitMut;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Formatted, InlineTable, Item, Table, Value};

/// `value` as TOML; merged into `original` when there is one (and it parses).
pub(crate) fn render<T: Serialize>(value: &T, original: Option<&str>) -> Result<String, String> {
    let mut new = toml_edit::ser::to_document(value).map_err(|error| format!("cannot write the file: {error}"))?;
    ShortFloats.visit_document_mut(&mut new);
    let Some(mut old) = original.and_then(|text| text.parse::<DocumentMut>().ok()) else {
        let mut fresh = DocumentMut::new();
        for (key, item) in new.as_table().iter() {
            let mut item = item.clone();
            expand(&mut item);
            fresh.insert(key, item);
        }
        return Ok(fresh.to_string());
    };
    merge_table(old.as_table_mut(), std::mem::take(new.as_table_mut()));
    Ok(old.to_string())
}

/// Every float of a pack is an `f32`: written with the fewest digits that read back as the
/// same `f32` (`0.9`, not `0.8999999761581421`).
struct ShortFloats;

impl VisitMut for ShortFloats {
    fn visit_float_mut(&mut self, node: &mut Formatted<f64>) {
        let short = (*node.value() as f32).to_string().parse::<f64>().unwrap_or(*node.value());
        *node = Formatted::new(short);
    }
}

fn merge_item(old: &mut Item, new: Item) {
    match (old, new) {
        (Item::Table(o), Item::Table(n)) => merge_table(o, n),
        (Item::Table(o), Item::Value(Value::InlineTable(n))) => merge_table(o, n.into_table()),
        (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) => merge_tables(o, n.into_iter().collect()),
        (Item::ArrayOfTables(o), Item::Value(Value::Array(n))) if n.iter().all(Value::is_inline_table) => {
            let tables = n.into_iter().filter_map(inline).map(InlineTable::into_table);
            merge_tables(o, tables.collect());
        }
        (Item::Value(o), Item::Value(n)) => merge_value(o, n),
        (o, mut n) => {
            expand(&mut n);
            *o = n;
        }
    }
}

fn merge_tables(old: &mut ArrayOfTables, new: Vec<Table>) {
    let count = new.len();
    for (index, table) in new.into_iter().enumerate() {
        match old.get_mut(index) {
            Some(o) => merge_table(o, table),
            None => {
                let mut item = Item::Table(table);
                expand(&mut item);
                if let Item::Table(table) = item {
                    old.push(table);
                }
            }
        }
    }
    while old.len() > count {
        old.remove(old.len() - 1);
    }
}

fn merge_table(old: &mut Table, new: Table) {
    // The document leaves out empty lists; one the file spells out (`esco = []`) stays.
    old.retain(|key, item| new.contains_key(key) || is_empty_item(item));
    for (key, item) in new {
        match old.get_mut(&key) {
            Some(o) => merge_item(o, item),
            None => {
                let mut item = item;
                expand(&mut item);
                old.insert(&key, item);
            }
        }
    }
}

fn merge_inline(old: &mut InlineTable, new: InlineTable) {
    old.retain(|key, value| new.contains_key(key) || is_empty_value(value));
    for (key, value) in new {
        match old.get_mut(&key) {
            Some(o) => merge_value(o, value),
            None => {
                old.insert(&key, value);
            }
        }
    }
}

fn merge_array(old: &mut Array, new: Array) {
    let count = new.len();
    for (index, value) in new.into_iter().enumerate() {
        match old.get_mut(index) {
            Some(o) => merge_value(o, value),
            None => {
                // A new element takes the layout of the last one (its own line in a list
                // written one per line).
                let mut value = value;
                if let Some(last) = old.get(old.len().wrapping_sub(1)) {
                    *value.decor_mut() = last.decor().clone();
                }
                old.push_formatted(value);
            }
        }
    }
    while old.len() > count {
        old.remove(old.len() - 1);
    }
}

fn merge_value(old: &mut Value, new: Value) {
    match (old, new) {
        (Value::InlineTable(o), Value::InlineTable(n)) => merge_inline(o, n),
        (Value::Array(o), Value::Array(n)) => merge_array(o, n),
        (o, n) if same_scalar(o, &n) => {}
        (o, n) => {
            let decor = o.decor().clone();
            *o = n;
            *o.decor_mut() = decor;
        }
    }
}

fn is_empty_item(item: &Item) -> bool {
    match item {
        Item::Value(value) => is_empty_value(value),
        Item::Table(table) => table.iter().all(|(_, item)| is_empty_item(item)),
        Item::ArrayOfTables(tables) => tables.is_empty(),
        Item::None => true,
    }
}

fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Array(array) => array.is_empty(),
        Value::InlineTable(table) => table.iter().all(|(_, value)| is_empty_value(value)),
        _ => false,
    }
}

fn inline(value: Value) -> Option<InlineTable> {
    match value {
        Value::InlineTable(table) => Some(table),
        _ => None,
    }
}

fn same_scalar(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::Float(a), Value::Float(b)) => *a.value() as f32 == *b.value() as f32,
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        _ => false,
    }
}

/// Lays out a new item for reading: arrays of inline tables become `[[…]]` tables, inline
/// tables that hold lists become `[…]` sub-tables, and long lists get one element per line.
/// Tables of plain values (`name = { en = "…", de = "…" }`) stay inline.
fn expand(item: &mut Item) {
    if let Item::Value(Value::Array(array)) = item
        && !array.is_empty()
        && array.iter().all(Value::is_inline_table)
    {
        let mut tables = ArrayOfTables::new();
        for value in std::mem::take(array) {
            if let Some(inline) = inline(value) {
                let mut table = Item::Table(inline.into_table());
                expand(&mut table);
                if let Item::Table(table) = table {
                    tables.push(table);
                }
            }
        }
        *item = Item::ArrayOfTables(tables);
        return;
    }
    if let Item::Value(Value::InlineTable(inline)) = item
        && inline.iter().any(|(_, v)| v.is_array() || v.is_inline_table())
    {
        *item = Item::Table(std::mem::take(inline).into_table());
    }
    if let Item::Table(table) = item {
        for (_, child) in table.iter_mut() {
            expand(child);
        }
        Lists.visit_table_mut(table);
    }
}

/// Writes lists of more than three strings one element per line.
struct Lists;

impl VisitMut for Lists {
    fn visit_array_mut(&mut self, node: &mut Array) {
        if node.len() > 3 && node.iter().all(Value::is_str) {
            for value in node.iter_mut() {
                value.decor_mut().set_prefix("\n  ");
                value.decor_mut().set_suffix("");
            }
            node.set_trailing_comma(true);
            node.set_trailing("\n");
        }
    }
}
