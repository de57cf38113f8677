import LoopbackHTTP
import Testing

@Suite struct LoopbackServerPortTests {
    @Test(arguments: [-1, 65_536, Int.max])
    func aPortOutsideTheTCPRangeIsRefusedWithAnError(port: Int) {
        #expect(throws: LoopbackServerError.self) {
            _ = try LoopbackServer(port: port) { _ in .text("unreachable") }
        }
    }
}
