import Leaf
import LeafKit
import Vapor

/// Renders one template given as text through Leaf itself, for tests that compare markup written in Swift
/// (`CaseRowsHTML`, `ExemptionRowsHTML`) with the Leaf loop it replaced.
enum LeafLoopRenderer {
    struct TextSource: LeafSource {
        let template: String
        func file(template _: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
            eventLoop.makeSucceededFuture(ByteBuffer(string: template))
        }
    }

    static func render(_ template: String, _ context: some Encodable) async throws -> String {
        let renderer = LeafRenderer(
            configuration: LeafConfiguration(rootDirectory: "/"),
            sources: .singleSource(TextSource(template: template)),
            eventLoop: MultiThreadedEventLoopGroup.singleton.any())
        return String(buffer: try await renderer.render(path: "template", context: context).get())
    }
}
