/// What `LibXMLPushParser` tells as it reads. Names and text are views into libxml2's memory, valid only during
/// the call: a handler makes strings only of what it keeps. A thrown error stops the parse and is rethrown by
/// `feed` or `finish`.
public protocol XMLContentHandler: AnyObject {
    func startElement(_ tag: borrowing XMLStartTag, line: Int) throws
    func endElement(localName: UnsafePointer<UInt8>, namespaceURI: UnsafePointer<UInt8>?, line: Int) throws
    /// Character data (entities and CDATA decoded); one text may come in several calls.
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws
}
