import Foundation
import TilgangDomain
import Vapor

/// A value `JSONWriter` can write.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

extension String: JSONWritable {
    func write(to json: inout JSONWriter) { json.string(self) }
}

extension Int: JSONWritable {
    func write(to json: inout JSONWriter) { json.int(self) }
}

extension Bool: JSONWritable {
    func write(to json: inout JSONWriter) { json.bool(self) }
}

extension UUID: JSONWritable {
    func write(to json: inout JSONWriter) { json.uuid(self) }
}

extension Date: JSONWritable {
    func write(to json: inout JSONWriter) { json.date(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginArray()
        for element in self { element.write(to: &json) }
        json.endArray()
    }
}

extension JSONWritable {
    /// The value as a JSON response, as Vapor's `Content` would send it.
    func jsonResponse(status: HTTPResponseStatus = .ok) -> Response {
        var json = JSONWriter()
        write(to: &json)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(buffer: json.buffer))
    }
}
