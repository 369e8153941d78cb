// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "SelfCompassionToolkit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "toolkit", targets: ["toolkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // The domain: content, scoring, search, safety plans. Foundation and pure libraries only.
        .target(
            name: "ToolkitCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Library")]
        ),
        // The web application: HTTP, storage, security, views.
        .target(
            name: "ToolkitServer",
            dependencies: [
                "ToolkitCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            resources: [.copy("Public")]
        ),
        // The command-line entry point: serve, migrate, users, audit, content, backup.
        .executableTarget(
            name: "toolkit",
            dependencies: [
                "ToolkitServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "SearchBench",
            dependencies: ["ToolkitCore"],
            path: "bench/SearchBench"
        ),
        .testTarget(name: "ToolkitCoreTests", dependencies: ["ToolkitCore"]),
        .testTarget(
            name: "ToolkitServerTests",
            dependencies: [
                "ToolkitServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
