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
//   DSWRemote    remote engines: PostgreSQL-wire warehouses through
//                postgres-nio, behind DSWCore's `RemoteEngine` protocol.
//   DSWServe     `dsw serve`: saved models as an HTTP scoring service
//                (Hummingbird), scoring through the core's own model code.
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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    // dsw serve: the HTTP scoring service.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
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
    .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
    .target(
      name: "DSWCore", dependencies: ["CPrefetch"],
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
    .target(
      name: "DSWRemote",
      dependencies: [
        "DSWCore",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOTLS", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings
    ),
    .target(name: "DSWTerminal", dependencies: ["DSWCore"], swiftSettings: strictSettings),
    // DSWServe: `dsw serve`, trained models published as an HTTP scoring service.
    .target(
      name: "DSWServe",
      dependencies: [
        "DSWCore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ],
      swiftSettings: strictSettings
    ),
    .target(
      name: "DSWApp",
      dependencies: [
        "DSWCore", "DSWTerminal", "DSWParquet", "DSWRemote", "DSWServe", "CReadline",
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
      name: "DSWRemoteTests", dependencies: ["DSWRemote"], swiftSettings: strictSettings),
    .testTarget(
      name: "DSWTerminalTests", dependencies: ["DSWTerminal"], exclude: ["Snapshots"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "DSWAppTests", dependencies: ["DSWApp"], exclude: ["Snapshots"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "DSWServeTests", dependencies: ["DSWServe", "DSWCore", "DSWApp"],
      swiftSettings: strictSettings),
  ],
  swiftLanguageModes: [.v6]
)
