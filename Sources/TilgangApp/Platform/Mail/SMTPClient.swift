import Foundation
import NIOCore
import NIOPosix

/// A minimal SMTP client (RFC 5321) on SwiftNIO: EHLO (HELO if refused), MAIL FROM, RCPT TO, DATA, QUIT, one
/// message per connection. Plain TCP to the trust's relay; the whole conversation is bounded by `timeout`.
struct SMTPClient: Sendable {
    let host: String
    let port: Int
    /// The name given in EHLO.
    var heloName = "tilgang"
    var timeout: Duration = .seconds(30)
    var group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    func send(_ message: MailMessage) async throws {
        guard MailMessage.isValidAddress(message.from), MailMessage.isValidAddress(message.to) else {
            throw SMTPError.permanent("ugyldig e-postadresse")
        }
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(10))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.transient("ingen forbindelse til \(host):\(port) (\(error))")
        }
        // A server that stops answering: closing the channel ends the reply stream, which ends the conversation.
        let seconds = timeout.components.seconds
        let watchdog = channel.channel.eventLoop.scheduleTask(in: .seconds(seconds)) {
            channel.channel.close(promise: nil)
        }
        defer { watchdog.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var conversation = SMTPConversation(
                replies: inbound.makeAsyncIterator(), outbound: outbound, allocator: channel.channel.allocator)
            try await conversation.expect(220, during: "tilkobling")
            let extensions: [String]
            do {
                extensions = try await conversation.command("EHLO \(heloName)", expect: 250)
            } catch let error as SMTPError where error.isPermanent {
                extensions = try await conversation.command("HELO \(heloName)", expect: 250)
            }
            let eightBit = extensions.contains { $0.uppercased().hasPrefix("8BITMIME") }
            _ = try await conversation.command(
                "MAIL FROM:<\(message.from)>" + (eightBit ? " BODY=8BITMIME" : ""), expect: 250)
            _ = try await conversation.command("RCPT TO:<\(message.to)>", expect: 250, 251)
            _ = try await conversation.command("DATA", expect: 354)
            try await conversation.write(message.data + ".\r\n")
            try await conversation.expect(250, during: "DATA")
            // The message is accepted; a server that drops the line at QUIT changes nothing.
            _ = try? await conversation.command("QUIT", expect: 221)
        }
    }
}

/// One connection's commands and replies.
struct SMTPConversation {
    var replies: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let allocator: ByteBufferAllocator

    /// Sends `line` and reads the reply; returns its text lines after the first (EHLO's extensions).
    mutating func command(_ line: String, expect codes: Int...) async throws -> [String] {
        try await write(line + "\r\n")
        let verb = String(line.prefix { $0 != " " && $0 != ":" })
        let (code, lines) = try await reply(during: verb)
        guard codes.contains(code) else { throw SMTPError.reply(code, lines.joined(separator: " "), during: verb) }
        return Array(lines.dropFirst())
    }

    mutating func expect(_ expected: Int, during step: String) async throws {
        let (code, lines) = try await reply(during: step)
        guard code == expected else { throw SMTPError.reply(code, lines.joined(separator: " "), during: step) }
    }

    func write(_ text: String) async throws {
        try await outbound.write(allocator.buffer(string: text))
    }

    /// A reply: `ddd-text` lines until `ddd text` (RFC 5321 §4.2.1).
    private mutating func reply(during step: String) async throws -> (code: Int, lines: [String]) {
        var lines: [String] = []
        while true {
            guard let line = try await replies.next() else {
                throw SMTPError.transient("\(step): tjeneren lukket forbindelsen")
            }
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPError.transient("\(step): uforståelig svar")
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return (code, lines) }
            if lines.count > 100 { throw SMTPError.transient("\(step): for langt svar") }
        }
    }
}
