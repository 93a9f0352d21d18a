//! Login throttling: failed attempts counted per account (e-mail address) and per client
//! address within a sliding window; past the limit, logins wait (429) even with the right
//! password, so guessing stays slow whichever side an attacker varies.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed-login counters per account and per client.
#[derive(Debug)]
pub struct Throttle {
    window: Duration,
    account_limit: usize,
    client_limit: usize,
    accounts: Mutex<HashMap<String, VecDeque<Instant>>>,
    clients: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

/// Past this many tracked keys, keys without recent failures are forgotten.
const MAX_TRACKED: usize = 10_000;

impl Throttle {
    /// A throttle allowing `account_limit` failures per account and `client_limit` per client
    /// within `window`.
    pub fn new(window: Duration, account_limit: usize, client_limit: usize) -> Self {
        Self {
            window,
            account_limit: account_limit.max(1),
            client_limit: client_limit.max(1),
            accounts: Mutex::new(HashMap::new()),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a login for `email` from `ip` may be tried now, or how long to wait.
    pub fn check(&self, email: &str, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let account = wait(&self.accounts, &email.to_lowercase(), self.account_limit, self.window, now);
        let client = wait(&self.clients, &ip, self.client_limit, self.window, now);
        match account.max(client) {
            Some(wait) => Err(wait),
            None => Ok(()),
        }
    }

    /// Records a failed login.
    pub fn fail(&self, email: &str, ip: IpAddr, now: Instant) {
        record(&self.accounts, email.to_lowercase(), self.window, now);
        record(&self.clients, ip, self.window, now);
    }

    /// Forgets the failures of an account that has just logged in.
    pub fn succeed(&self, email: &str) {
        lock(&self.accounts).remove(&email.to_lowercase());
    }
}

fn lock<K, V>(map: &Mutex<HashMap<K, V>>) -> std::sync::MutexGuard<'_, HashMap<K, V>> {
    map.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn wait<K: std::hash::Hash + Eq + ?Sized, Q: std::hash::Hash + Eq + std::borrow::Borrow<K>>(
    map: &Mutex<HashMap<Q, VecDeque<Instant>>>,
    key: &K,
    limit: usize,
    window: Duration,
    now: Instant,
) -> Option<Duration> {
    let mut map = lock(map);
    let failures = map.get_mut(key)?;
    while failures.front().is_some_and(|t| now.duration_since(*t) >= window) {
        failures.pop_front();
    }
    if failures.len() < limit {
        return None;
    }
    let oldest = *failures.front()?;
    Some(window.saturating_sub(now.duration_since(oldest)).max(Duration::from_secs(1)))
}

fn record<K: std::hash::Hash + Eq>(map: &Mutex<HashMap<K, VecDeque<Instant>>>, key: K, window: Duration, now: Instant) {
    let mut map = lock(map);
    if map.len() > MAX_TRACKED {
        map.retain(|_, failures| failures.back().is_some_and(|t| now.duration_since(*t) < window));
    }
    map.entry(key).or_default().push_back(now);
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    #[test]
    fn an_account_is_locked_after_its_limit_and_unlocked_after_the_window() {
        let throttle = Throttle::new(Duration::from_secs(60), 3, 100);
        let (ip, start) = (IpAddr::V4(Ipv4Addr::LOCALHOST), Instant::now());
        for _ in 0..3 {
            assert!(throttle.check("Ada@example.org", ip, start).is_ok());
            throttle.fail("ada@example.org", ip, start);
        }
        let wait = throttle.check("ADA@example.org", ip, start).unwrap_err();
        assert!(wait <= Duration::from_secs(60) && wait >= Duration::from_secs(59), "{wait:?}");
        assert!(throttle.check("bob@example.org", ip, start).is_ok());
        assert!(throttle.check("ada@example.org", ip, start + Duration::from_secs(61)).is_ok());
    }

    #[test]
    fn a_client_is_locked_whatever_account_it_tries() {
        let throttle = Throttle::new(Duration::from_secs(60), 100, 2);
        let (ip, start) = (IpAddr::V4(Ipv4Addr::new(10, 0, 0, 7)), Instant::now());
        throttle.fail("a@example.org", ip, start);
        throttle.fail("b@example.org", ip, start);
        assert!(throttle.check("c@example.org", ip, start).is_err());
        assert!(throttle.check("c@example.org", IpAddr::V4(Ipv4Addr::LOCALHOST), start).is_ok());
    }

    #[test]
    fn success_clears_the_account() {
        let throttle = Throttle::new(Duration::from_secs(60), 1, 100);
        let (ip, start) = (IpAddr::V4(Ipv4Addr::LOCALHOST), Instant::now());
        throttle.fail("a@example.org", ip, start);
        assert!(throttle.check("a@example.org", ip, start).is_err());
        throttle.succeed("a@example.org");
        assert!(throttle.check("a@example.org", ip, start).is_ok());
    }
}
