/// Where glibc puts large allocations, which decides what kernels pay for memory.
///
/// Kernels allocate and free many large arrays. By default glibc gives each
/// large block its own mapping and unmaps it on free, so every new column pays
/// page faults on fresh zeroed pages (a quarter of the time of a simple
/// group-by). Keeping large blocks in the heap, and not trimming it eagerly,
/// reuses warm pages instead.
///
/// Loaders are the exception: their buffers grow by reallocation, which a
/// mapping does in place (`mremap`) but the heap does by copying, and the
/// heap's holes would then raise the peak memory of a load. So reading a file
/// runs with the default policy (see `DiskFiles`).
enum AllocatorPolicy {
  static func keepLargeBlocksInHeap(_ keep: Bool) {
    #if os(Linux)
      // glibc's <malloc.h>: M_TRIM_THRESHOLD is -1, M_MMAP_MAX is -4 (macros Swift cannot see).
      // 65536 is glibc's default limit on mappings.
      _ = glibcMallopt(-4, keep ? 0 : 65_536)
      _ = glibcMallopt(-1, keep ? 1 << 30 : 128 * 1024)
    #endif
  }
}

#if os(Linux)
  @_silgen_name("mallopt")
  private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
