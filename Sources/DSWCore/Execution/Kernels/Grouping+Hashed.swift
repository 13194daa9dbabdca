extension Grouping {
  /// `densify` of codes too wide for a direct map, through hash tables.
  ///
  /// Many rows are numbered on both cores: the codes are shared out by a
  /// bit of their hash, and each core reads every row but numbers only its
  /// share's codes, in a table of its own, by first appearance. Each
  /// share's first rows are in row order, so merging them by row gives the
  /// group ids; a last pass turns each row's share id into its group id.
  static func densifyHashed<Code: FixedWidthInteger & BitwiseCopyable>(
    _ codes: [Code], bias: Int, limits: ExecutionLimits
  ) throws(Diagnostic) -> Grouping {
    let rowCount = codes.count
    let shareCount = rowCount >= 1 << 17 ? 2 : 1
    let expected = estimateDistinct(codes) / shareCount
    // Share 0 writes its ids as they are, share 1 as their complement, so
    // the last pass knows each row's share without hashing it again.
    var shares: [[Int32]] = []
    let shareIDs = [Int32](uninitializedCount: rowCount) { ids, initialized in
      let out = SendablePointer(ids.baseAddress)
      shares = codes.withUnsafeBufferPointer { codes in
        ParallelWork.map(parts: shareCount) { share in
          var table = Int64HashMap(expectedCount: expected)
          var firstRows: [Int32] = []
          guard let out = out.pointer else { return firstRows }
          limits.blocks(of: 0..<rowCount) { rows in
            for row in rows {
              let key = Int64(codes[row]) &+ Int64(bias)
              if shareCount > 1, Self.share(of: key) != share { continue }
              let id = table.id(for: key)
              if Int(id) == firstRows.count { firstRows.append(Int32(row)) }
              out[row] = share == 0 ? id : ~id
            }
          }
          return firstRows
        }
      }
      initialized = rowCount
    }
    try limits.poll()
    if shares.count == 1, let only = shares.first {
      return Grouping(groupIDs: shareIDs, groupCount: only.count, firstRows: only)
    }
    // Merge the shares' first rows; each share id's group id.
    guard shares.count == 2 else { return single(rowCount: rowCount) }
    var firstRows: [Int32] = []
    var groupOf = shares.map { [Int32](repeating: 0, count: $0.count) }
    var next = [Int](repeating: 0, count: shares.count)
    while true {
      var pick = -1
      for share in shares.indices where next[share] < shares[share].count {
        if pick < 0 || shares[share][next[share]] < shares[pick][next[pick]] {
          pick = share
        }
      }
      if pick < 0 { break }
      groupOf[pick][next[pick]] = Int32(firstRows.count)
      firstRows.append(shares[pick][next[pick]])
      next[pick] += 1
    }
    let groupIDs = try shareIDs.withUnsafeBufferPointer { (shareIDs) throws(Diagnostic) in
      try groupOf[0].withUnsafeBufferPointer { (first) throws(Diagnostic) in
        try groupOf[1].withUnsafeBufferPointer { (second) throws(Diagnostic) in
          try ParallelWork.map(count: rowCount, limits: limits) { row in
            let id = shareIDs[row]
            return id >= 0 ? first[Int(id)] : second[Int(~id)]
          }
        }
      }
    }
    return Grouping(groupIDs: groupIDs, groupCount: firstRows.count, firstRows: firstRows)
  }

  /// Which of two shares a key belongs to: a bit of a hash other than the
  /// tables' own, so each share's table still spreads its keys evenly.
  @inline(__always)
  private static func share(of key: Int64) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0xBF58_476D_1CE4_E5B9) >> 63)
  }
}
