//! Micro-benchmarks of one analysis (`cargo bench -p rolenorm-analyze`).
//!
//! Three ad sizes — short (~300 B), typical (~2.5 KB) and long (~20 KB) — in German and English, all written
//! for this benchmark, plus the cost of compiling the built-in norm (`Analyzer::new`). Results and how to read
//! them: `docs/benchmarks.md`.

#![allow(missing_docs)]

use std::hint::black_box;
use std::sync::Arc;

use divan::counter::BytesCount;
use divan::{Bencher, black_box_drop};
use rolenorm_analyze::{Ad, Analyzer, Scratch};
use rolenorm_norm::Norm;

fn main() {
    divan::main();
}

const SHORT_DE: &str = "Social Media Manager (m/w/d) in Teilzeit\n\n\
Wir suchen Verstärkung für unser Team in Köln. Du planst den Redaktionsplan für Instagram und LinkedIn, \
erstellst Posts und Stories, beantwortest Kommentare und wertest monatlich die Reichweite aus. \
Erste Erfahrung im Community Management ist ein Plus.";

const SHORT_EN: &str = "Social Media Coordinator\n\n\
We are looking for a coordinator to plan our content calendar, create posts for Instagram and TikTok, \
moderate comments and messages, and report monthly on reach and engagement. You have a good eye for \
visuals, write clear copy and know your way around Meta Business Suite.";

const TYPICAL_DE: &str = "Social Media Manager (m/w/d) – Vollzeit, Hamburg oder remote\n\n\
Über uns\n\
Wir sind ein mittelständischer Hersteller von Outdoor-Ausrüstung mit 180 Mitarbeitenden und einer treuen \
Community von Wanderern, Kletterinnen und Radfahrern. Unsere Marke lebt von echten Geschichten draußen in der \
Natur, und genau diese Geschichten möchten wir in den sozialen Medien noch besser erzählen.\n\n\
Deine Aufgaben\n\
- Du entwickelst unsere Social-Media-Strategie weiter und legst gemeinsam mit dem Marketing Ziele und KPIs fest.\n\
- Du planst und pflegst den Redaktionsplan für Instagram, Facebook, LinkedIn und YouTube.\n\
- Du konzipierst und erstellst Inhalte: Posts, Reels, Stories und kurze Videos, gerne auch selbst gedreht.\n\
- Du betreust unsere Community, beantwortest Kommentare und Direktnachrichten und moderierst Diskussionen.\n\
- Du steuerst Kooperationen mit Influencern und Markenbotschaftern von der Auswahl bis zur Abrechnung.\n\
- Du planst bezahlte Kampagnen auf Meta und LinkedIn und optimierst Budgets und Zielgruppen.\n\
- Du wertest die Performance aus, erstellst monatliche Reportings und leitest daraus Maßnahmen ab.\n\
- Du beobachtest Trends, Wettbewerber und neue Plattformen und bringst Ideen ins Team.\n\n\
Dein Profil\n\
- Abgeschlossenes Studium im Bereich Kommunikation, Marketing oder Medien oder eine vergleichbare Ausbildung.\n\
- Mindestens drei Jahre Berufserfahrung im Social Media Marketing, idealerweise auf Unternehmensseite.\n\
- Sicherer Umgang mit Meta Business Suite, LinkedIn Campaign Manager und gängigen Analyse-Tools.\n\
- Gutes Gespür für Bildsprache und Tonalität, sehr gutes Deutsch und gutes Englisch.\n\
- Du arbeitest strukturiert, behältst auch bei mehreren Projekten den Überblick und hast Freude am Austausch.\n\n\
Wir bieten\n\
- Ein unbefristetes Arbeitsverhältnis mit 30 Tagen Urlaub und flexiblen Arbeitszeiten.\n\
- Zwei Tage pro Woche Homeoffice, auf Wunsch auch mehr, und ein modernes Büro am Hafen.\n\
- Jährliches Weiterbildungsbudget, Jobrad und Rabatte auf unsere gesamte Kollektion.\n\
- Ein kleines, herzliches Team, kurze Entscheidungswege und Raum für eigene Ideen.\n\n\
Interesse? Dann freuen wir uns auf deine Bewerbung mit Lebenslauf und zwei bis drei Arbeitsproben über unser \
Karriereportal. Ansprechpartnerin ist Frau Jansen aus dem Personalteam.";

const TYPICAL_EN: &str = "Social Media Manager – full time, Manchester (hybrid)\n\n\
About us\n\
We are an independent publisher of cookbooks and food magazines with a growing online audience of home cooks. \
Our readers come to us for honest recipes and warm storytelling, and we want our social channels to feel like \
a kitchen table where everyone is welcome.\n\n\
What you will do\n\
- Own our social media strategy and agree goals and KPIs with the marketing and editorial leads.\n\
- Plan and maintain the content calendar across Instagram, TikTok, Facebook, Pinterest and YouTube.\n\
- Create engaging content: posts, reels, stories and short recipe videos, working with our photographers.\n\
- Manage our community: reply to comments and direct messages, moderate groups and spot emerging issues early.\n\
- Run influencer partnerships with food creators, from shortlist and briefing to contracts and reporting.\n\
- Plan and optimise paid social campaigns on Meta and TikTok, including audiences, budgets and A/B tests.\n\
- Track performance, build monthly reports and turn insights into clear recommendations.\n\
- Keep an eye on trends, competitors and new platforms, and share ideas with the wider team.\n\n\
What you bring\n\
- A degree in marketing, communications or media, or equivalent experience.\n\
- At least three years of experience in social media marketing, ideally in publishing or consumer brands.\n\
- Confident with Meta Business Suite, TikTok Ads Manager and social listening or analytics tools.\n\
- A strong visual sense, excellent written English and a feel for tone of voice.\n\
- You are organised, calm under pressure and enjoy working with people across teams.\n\n\
What we offer\n\
- A permanent contract with 28 days of holiday plus bank holidays and flexible hours.\n\
- Two days a week in our studio near the city centre, the rest from home.\n\
- A yearly training budget, a cycle-to-work scheme and a free copy of every book we publish.\n\
- A friendly team, short decision paths and room for your own ideas.\n\n\
Interested? Send us your CV, a short cover letter and two or three examples of your work through our careers \
page. Questions go to Sam in our people team.";

/// Extra sections that make a long ad (~20 KB): long project descriptions, as some agencies write them.
const EXTRA_DE: &[&str] = &[
    "Projekt Frühjahrskampagne\n\
Für die Frühjahrskampagne entwickelst du das Content-Konzept, stimmst es mit Produktmanagement und Vertrieb ab \
und planst die Veröffentlichung über sechs Wochen. Du briefst Fotografen und Videografen, wählst Motive aus \
und schreibst Bildunterschriften, die zu unserer Tonalität passen. Während der Kampagne beobachtest du die \
Kommentare, beantwortest Fragen zu Produkten und leitest Reklamationen an den Kundenservice weiter. Nach dem \
Abschluss fasst du Reichweite, Interaktionen und Klicks in einem Bericht zusammen und präsentierst ihn der \
Geschäftsführung.\n",
    "Projekt Community-Events\n\
Zweimal im Jahr laden wir unsere Community zu gemeinsamen Touren ein. Du kündigst die Termine in unseren \
Kanälen an, betreust die Anmeldungen, beantwortest Nachrichten und begleitest die Veranstaltungen mit Stories \
und Live-Videos. Im Anschluss sammelst du Fotos der Teilnehmenden, holst die Einwilligungen ein und bereitest \
daraus Beiträge für die folgenden Wochen vor. Du pflegst den Kontakt zu aktiven Mitgliedern und baust eine \
Gruppe von Markenbotschaftern auf.\n",
    "Projekt Bezahlte Anzeigen\n\
Gemeinsam mit unserer Agentur planst du die bezahlten Kampagnen auf Instagram, Facebook und LinkedIn. Du \
definierst Zielgruppen, legst Budgets fest, testest verschiedene Anzeigenmotive gegeneinander und optimierst \
laufend nach Kosten pro Klick und Conversion. Wöchentlich prüfst du die Zahlen im Werbeanzeigenmanager und \
stimmst Anpassungen mit dem Performance-Marketing ab.\n",
    "Projekt Krisenkommunikation\n\
Wenn es in den Kommentaren einmal hoch hergeht, reagierst du schnell und besonnen. Du hältst dich an unseren \
Leitfaden für kritische Situationen, stimmst dich mit der Unternehmenskommunikation ab und dokumentierst jeden \
Fall. Einmal im Quartal überarbeitest du die Social-Media-Guidelines und schulst Kolleginnen und Kollegen, die \
für das Unternehmen in sozialen Netzwerken auftreten.\n",
];

const EXTRA_EN: &[&str] = &[
    "Project: spring campaign\n\
For our spring campaign you will develop the content concept, align it with product and sales, and plan the \
publishing schedule over six weeks. You will brief photographers and videographers, choose images and write \
captions that match our tone of voice. During the campaign you will monitor comments, answer product questions \
and pass complaints on to customer service. Afterwards you will summarise reach, engagement and clicks in a \
report and present it to the leadership team.\n",
    "Project: community events\n\
Twice a year we invite our community to cook together. You will announce the dates on our channels, handle \
sign-ups, answer messages and cover the events with stories and live video. Afterwards you will collect photos \
from participants, obtain their consent and turn them into posts for the following weeks. You will keep in \
touch with active members and build a group of brand ambassadors.\n",
    "Project: paid social\n\
Together with our agency you will plan paid campaigns on Instagram, Facebook and TikTok. You will define \
audiences, set budgets, test different creatives against each other and optimise continuously for cost per \
click and conversions. Every week you will review the numbers in Ads Manager and agree changes with the \
performance marketing team.\n",
    "Project: crisis communication\n\
When discussions in the comments get heated, you respond quickly and calmly. You follow our playbook for \
critical situations, coordinate with corporate communications and document every case. Once a quarter you \
update the social media guidelines and train colleagues who represent the company on social networks.\n",
];

/// The typical ad followed by the project sections, cycled until the ad is about 20 KB.
fn long_ad(typical: &str, extra: &[&str]) -> String {
    let mut text = String::from(typical);
    let mut round = 1;
    while text.len() < 20_000 {
        for section in extra {
            text.push_str("\n\n");
            text.push_str(&format!("({round}) "));
            text.push_str(section);
        }
        round += 1;
    }
    text
}

fn analyzer() -> Analyzer {
    let norm = Norm::builtin().expect("the built-in norm loads");
    Analyzer::new(Arc::new(norm)).expect("the built-in norm compiles")
}

/// (name, title, text) of every benchmarked ad.
fn ads() -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("short_de", "Social Media Manager (m/w/d)", SHORT_DE.to_string()),
        ("short_en", "Social Media Coordinator", SHORT_EN.to_string()),
        ("typical_de", "Social Media Manager (m/w/d)", TYPICAL_DE.to_string()),
        ("typical_en", "Social Media Manager", TYPICAL_EN.to_string()),
        ("long_de", "Social Media Manager (m/w/d)", long_ad(TYPICAL_DE, EXTRA_DE)),
        ("long_en", "Social Media Manager", long_ad(TYPICAL_EN, EXTRA_EN)),
    ]
}

/// One analysis with reused scratch buffers (the batch path).
#[divan::bench(args = ["short_de", "short_en", "typical_de", "typical_en", "long_de", "long_en"])]
fn analyze(bencher: Bencher, name: &str) {
    let analyzer = analyzer();
    let (_, title, text) = ads().into_iter().find(|(n, _, _)| *n == name).expect("known ad");
    let mut scratch = Scratch::default();
    bencher.counter(BytesCount::new(text.len() + title.len())).bench_local(|| {
        let ad = Ad { title: Some(black_box(title)), content: black_box(&text), ..Ad::default() };
        black_box_drop(analyzer.analyze_with(ad, &mut scratch).expect("the ad analyses"));
    });
}

/// Compiling the built-in norm into the analyzer (done once per process).
#[divan::bench(sample_count = 20)]
fn analyzer_new(bencher: Bencher) {
    let norm = Arc::new(Norm::builtin().expect("the built-in norm loads"));
    bencher.bench_local(|| black_box_drop(Analyzer::new(Arc::clone(black_box(&norm))).expect("compiles")));
}

/// Loading and checking the built-in norm from its embedded TOML, then compiling it.
#[divan::bench(sample_count = 20)]
fn load_and_compile(bencher: Bencher) {
    bencher.bench_local(|| black_box_drop(analyzer()));
}
