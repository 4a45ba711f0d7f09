// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tilgang",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tilgang", targets: ["tilgang"]),
        .library(name: "TilgangDomain", targets: ["TilgangDomain"]),
        .library(name: "TilgangApp", targets: ["TilgangApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
    ],
    targets: [
        // libxml2 (Debian's libxml2-dev), the XML parser under the FEST reader.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Pure domain: route rules, catalogue types. No Vapor, no database, no I/O (libxml2 parses bytes handed
        // to it; it opens no file).
        .target(name: "TilgangDomain", dependencies: ["CLibXML2"]),
        // The shared data access: rows read straight from the drivers, prepared statements, the write turn and
        // group commit. No Vapor.
        .target(
            name: "TilgangPersistence",
            dependencies: [
                "TilgangDomain",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            ]
        ),
        .target(
            name: "TilgangApp",
            dependencies: [
                "TilgangDomain",
                "TilgangPersistence",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            resources: [.process("Resources")]
        ),
        .executableTarget(name: "tilgang", dependencies: ["TilgangApp"]),
        .testTarget(name: "TilgangDomainTests", dependencies: ["TilgangDomain"]),
        .testTarget(name: "TilgangPersistenceTests", dependencies: ["TilgangPersistence"]),
        .testTarget(
            name: "TilgangAppTests",
            dependencies: [
                "TilgangApp",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
    ]
)
