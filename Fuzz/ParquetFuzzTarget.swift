// The Parquet reader's fuzz target: a file, opened and read whole under a
// 256 MB memory limit, so that what a footer claims cannot make the reader
// allocate more. Compiled only for `scripts/fuzz.sh parquet`.

func fuzzParquet(_ bytes: [UInt8]) {
  let files = MemoryFiles(["/f.parquet": bytes])
  let span = SourceSpan(offset: 0, length: 0, line: 1, column: 1)
  let limits = ExecutionLimits(memoryLimit: 256_000_000)
  let file = ExternalFile(path: "/f.parquet", displayPath: "f.parquet")
  guard
    let table = try? ParquetFormat().open(
      [file], columns: nil, access: files, limits: limits, span: span)
  else { return }
  _ = try? table.readAll(limits: limits)
  _ = table.summary
  for field in table.schema.fields { _ = table.nullCount(of: field.name) }
}
