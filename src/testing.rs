//! Helpers for the unit tests (built in test builds only).

/// `count` texts of up to `max_len` characters drawn from `pool`, the same sequence on every
/// machine (a linear congruential generator seeded with `seed`; no dependency): for the tests
/// that hold a byte-level scan to its character-level definition.
pub fn random_texts(pool: &str, seed: u64, count: usize, max_len: usize) -> Vec<String> {
    let pool: Vec<char> = pool.chars().collect();
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    (0..count)
        .map(|_| {
            let len = next() % (max_len + 1);
            (0..len).map(|_| pool[next() % pool.len()]).collect()
        })
        .collect()
}
