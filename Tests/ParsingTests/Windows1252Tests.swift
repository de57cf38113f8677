import Foundation
import Testing
@testable import Parsing

@Suite struct Windows1252Tests {
    @Test("Every byte converts to the UTF-8 of the character windows-1252 gives it, the five undefined ones to C1 controls")
    func everyByte() {
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        let bytes = (0...255).map(UInt8.init)
        let converted = bytes.withUnsafeBufferPointer(Windows1252.utf8(from:))
        let expected = bytes.flatMap { byte -> [UInt8] in
            let character = undefined.contains(byte)
                ? String(Unicode.Scalar(byte)) : String(data: Data([byte]), encoding: .windowsCP1252) ?? "?"
            return Array(character.utf8)
        }
        #expect(converted == expected)
        #expect(String(decoding: converted, as: UTF8.self).unicodeScalars.count == 256)
    }
}
