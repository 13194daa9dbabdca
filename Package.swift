// swift-tools-version: 6.0
import PackageDescription

// dsw: a data-science notebook workbench for the terminal.
//
// The layering, from the bottom up:
//   DSWCore      the engine: columnar tables, the language, planning and
//                execution, the catalog, models, the profile store and the
//                notebook format. No terminal, no global state.
//   DSWTerminal  rendering of results: tables, charts, themes, markdown.
//   DSWParquet   Parquet files: the footer, pages, encodings and codecs
//                (the C compression libraries), read and written as tables.
//   DSWApp       the commands: REPL, headless run, teach, export; all I/O
//                lives here, behind small protocols.
//   dsw          the executable: a thin main.
//
// CI (where `CI` is set) builds with warnings as errors.
let warningsAsErrors: [SwiftSetting] =
  Context.environment["CI"] == nil ? [] : [.unsafeFlags(["-warnings-as-errors"])]

let strictSettings: [SwiftSetting] =
  [
    .enableUpcomingFeature("ExistentialAny")
  ] + warningsAsErrors

let package = Package(
  name: "dsw",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "dsw", targets: ["dsw"]),
    .library(name: "DSWCore", targets: ["DSWCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CReadline",
      path: "Sources/CReadline",
      providers: [.apt(["libreadline-dev"])]
    ),
    .systemLibrary(
      name: "CCodecs",
      path: "Sources/CCodecs",
      providers: [
        .apt(["libsnappy-dev", "libzstd-dev", "liblz4-dev", "libbrotli-dev", "zlib1g-dev"])
      ]
    ),
    .target(
      name: "DSWCore",
      swiftSettings: strictSettings + [
        .unsafeFlags(["-Ounchecked"], .when(configuration: .release))
      ]
    ),
    .target(
      name: "DSWParquet", dependencies: ["DSWCore", "CCodecs"],
      swiftSettings: strictSettings + [
        .unsafeFlags(["-Ounchecked"], .when(configuration: .release))
      ]
    ),
    .target(name: "DSWTerminal", dependencies: ["DSWCore"], swiftSettings: strictSettings),
    .target(
      name: "DSWApp",
      dependencies: [
        "DSWCore", "DSWTerminal", "DSWParquet", "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings
    ),
    .executableTarget(name: "dsw", dependencies: ["DSWApp"], swiftSettings: strictSettings),
    .testTarget(
      name: "DSWCoreTests", dependencies: ["DSWCore"], exclude: ["Snapshots"],
      resources: [.copy("Fixtures")], swiftSettings: strictSettings),
    .testTarget(
      name: "DSWParquetTests", dependencies: ["DSWParquet"],
      resources: [.copy("Fixtures")], swiftSettings: strictSettings),
    .testTarget(
      name: "DSWTerminalTests", dependencies: ["DSWTerminal"], exclude: ["Snapshots"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "DSWAppTests", dependencies: ["DSWApp"], exclude: ["Snapshots"],
      swiftSettings: strictSettings),
  ],
  swiftLanguageModes: [.v6]
)
