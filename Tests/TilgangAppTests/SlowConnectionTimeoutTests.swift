import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Review finding 16: the server had no idle or read timeout, so 300 connections that sent half a request head
    /// were held for ever. `configure` sets ``ServerLimits/idleTimeout``; a real server closes such a connection,
    /// and an idle keep-alive one, once it has been silent that long.
    @Suite struct SlowConnectionTimeoutTests {
        /// Keeps what the server sends.
        final class Received: ChannelInboundHandler, @unchecked Sendable {
            typealias InboundIn = ByteBuffer
            let text = NIOLockedValueBox("")

            func channelRead(context: ChannelHandlerContext, data: NIOAny) {
                let bytes = String(buffer: unwrapInboundIn(data))
                text.withLockedValue { $0 += bytes }
            }
        }

        @Test func theServerClosesAConnectionThatStopsHalfWayThroughItsHeadAndOneLeftIdle() async throws {
            try await withTilgangApp { app in
                // given: the bound configure() sets, then a shorter one to wait for, on a real server
                #expect(app.http.server.configuration.idleTimeout == ServerLimits.idleTimeout)
                #expect(ServerLimits.idleTimeout <= .seconds(60))
                configureServer(app, idleTimeout: .seconds(1))
                try await app.asyncBoot()
                try await app.server.start(address: .hostname("127.0.0.1", port: 0))
                do {
                    let port = try #require(app.http.server.shared.localAddress?.port)

                    // when: a client sends half a request head and then nothing
                    let slow = try await Self.connect(port: port, Received())
                    let started = ContinuousClock.now
                    try await slow.writeAndFlush(ByteBuffer(string: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
                    let slowClosedByServer = try await Self.isClosedByServer(slow, within: .seconds(10))
                    let slowWaited = ContinuousClock.now - started

                    // and another sends a whole request, reads the answer and keeps the connection open
                    let received = Received()
                    let idle = try await Self.connect(port: port, received)
                    try await idle.writeAndFlush(ByteBuffer(string: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                    let idleClosedByServer = try await Self.isClosedByServer(idle, within: .seconds(10))

                    // then: the server closed both within the bound (with room for a slow machine), after answering
                    #expect(slowClosedByServer, "the server kept a half-sent request head open for 10 s")
                    #expect(slowWaited < .seconds(5), "\(slowWaited)")
                    #expect(idleClosedByServer, "the server kept an idle keep-alive connection open for 10 s")
                    #expect(received.text.withLockedValue { $0 }.hasPrefix("HTTP/1.1 200 OK"))
                } catch {
                    await app.server.shutdown()
                    throw error
                }
                await app.server.shutdown()
            }
        }

        static func connect(port: Int, _ handler: Received) async throws -> any Channel {
            try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in channel.pipeline.addHandler(handler) }
                .connect(host: "127.0.0.1", port: port).get()
        }

        /// Waits until the channel closes; closes it itself after `limit` and then answers false.
        static func isClosedByServer(_ channel: any Channel, within limit: TimeAmount) async throws -> Bool {
            let giveUp = channel.eventLoop.scheduleTask(in: limit) {
                channel.close(promise: nil)
                return true
            }
            try await channel.closeFuture.get()
            giveUp.cancel()
            let gaveUp = (try? await giveUp.futureResult.get()) ?? false
            return !gaveUp
        }
    }
}
