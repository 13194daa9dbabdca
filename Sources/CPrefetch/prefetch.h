// A cache prefetch, which Swift has no spelling for. Hash tables larger than
// the cache ask for the slots of a batch of keys before probing any, so that
// the misses overlap; a prefetch, unlike a load, never waits for its line.
static inline void dsw_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
