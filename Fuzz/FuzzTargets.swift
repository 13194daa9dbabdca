// libFuzzer targets for dsw's core: everything a stranger's input reaches.
//
// scripts/fuzz.sh compiles this file together with the sources of DSWCore
// into one module, with -sanitize=fuzzer,address, so that the targets can
// reach internal API. DSW_FUZZ_TARGET picks the target:
//   language  a program, parsed, planned and run on small fixed tables
//   notebook  a .dswnb file, decoded, written back, and drawn as a user sees
//             it (DSWTerminal's sources are compiled into the same module)
//   csv       a CSV file, loaded
//   json      a JSON or JSON Lines file, loaded
//   model     a model file, decoded
//   parquet   a Parquet file, opened and read whole (DSWParquet's sources are
//             compiled into the same module for this target)
//   theme     a theme file, decoded and written back (with DSWTerminal's sources)
// A crash, a trap, a leak or a hang (libFuzzer's -timeout) is a finding.

#if canImport(Glibc)
  import Glibc
#endif

/// The session the language target runs programs in: two small tables, a
/// 256 MB memory limit so that generated programs cannot ask for more.
/// Each program gets a fresh session and fresh files; the tables are parsed
/// once and shared, since a program can replace a dataset but not change a
/// table in place.
private func languageSession() -> Session {
  let session = Session(context: languageContext())
  session.datasets = languageTables.datasets
  session.datasetOrder = languageTables.datasetOrder
  return session
}

private func languageContext() -> SessionContext {
  let files = MemoryFiles([
    "/t.csv": Array("id,k,v,d,s,day\n1,a,10,1.5,x,2024-01-01\n2,b,,2.5,,2024-02-01\n3,a,-3,,z,\n".utf8),
    "/u.csv": Array("k,w\na,1\nb,2\nc,\n".utf8),
  ])
  return SessionContext(files: files, memoryLimit: 256_000_000)
}

private let languageTables: (datasets: [String: Dataset], datasetOrder: [String]) = {
  let session = Session(context: languageContext())
  _ = session.run("load \"t.csv\" as t\nload \"u.csv\" as u")
  return (session.datasets, session.datasetOrder)
}()

private let target = String(cString: getenv("DSW_FUZZ_TARGET") ?? strdup("language"))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  switch target {
  case "language":
    let source = String(decoding: bytes, as: UTF8.self)
    _ = Parser.parse(source)
    _ = InputCompleteness.needsMoreInput(source)
    _ = languageSession().run(source)
  case "notebook":
    #if DSW_FUZZ_TERMINAL
      if let notebook = try? NotebookCodec.decode(bytes: bytes) {
        let written = NotebookCodec.encodeBytes(notebook)
        // What was written must read back.
        if (try? NotebookCodec.decode(bytes: written)) == nil { abort() }
        fuzzNotebookRendering(notebook)
      }
    #else
      print("the notebook target is built by `scripts/fuzz.sh notebook`")
      abort()
    #endif
  case "csv":
    _ = try? CSVReader.read(bytes)
    var options = CSVOptions()
    options.onError = .skip
    _ = try? CSVReader.read(bytes, options: options)
  case "json":
    _ = try? JSONDataReader.read(bytes)
  case "model":
    if let model = try? ModelCodec.decode(bytes) {
      _ = ModelCodec.encode(model)
    }
  case "parquet":
    #if DSW_FUZZ_PARQUET
      fuzzParquet(bytes)
    #else
      print("the parquet target is built by `scripts/fuzz.sh parquet`")
      abort()
    #endif
  case "theme":
    #if DSW_FUZZ_TERMINAL
      fuzzTheme(bytes)
    #else
      print("the theme target is built by `scripts/fuzz.sh theme`")
      abort()
    #endif
  default:
    print("unknown DSW_FUZZ_TARGET \(target)")
    abort()
  }
  return 0
}
