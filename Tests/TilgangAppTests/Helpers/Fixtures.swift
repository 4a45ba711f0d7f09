import Foundation
import NIOCore
import Testing

/// Files of the repository that tests read: the docs examples are part of the contract.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var pathwayExamples: [PathwayExample] {
        get throws {
            let folder = packageRoot.appendingPathComponent("docs/examples/pathway")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
                $0.hasSuffix(".json")
            }
            return try files.sorted().map { name in
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                return try PathwayExample(name: name, data: data)
            }
        }
    }

    static func json(_ object: Any) throws -> ByteBuffer {
        // Sorted keys: the same object is the same bytes, as a client's retry is (idempotency compares bodies).
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}

/// One example of docs/examples/pathway: a scenario and the decision fields it must give.
struct PathwayExample: CustomTestStringConvertible {
    let name: String
    let scenario: [String: Any]
    let scenarioData: Data
    let expected: [String: Any]

    init(name: String, data: Data) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        self.name = name
        scenario = try #require(object["scenario"] as? [String: Any])
        scenarioData = try JSONSerialization.data(withJSONObject: scenario)
        expected = try #require(object["expected"] as? [String: Any])
    }

    var testDescription: String { name }
    var expectedRoute: String { expected["route"] as? String ?? "" }
    var expectedRules: [String] { expected["rules"] as? [String] ?? [] }
}
