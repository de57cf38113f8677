import Testing

@testable import veilleur

/// A second thread is asked for only when the kernel counts fewer runnable threads than processors.
@Suite struct SpareProcessorTests {
    @Test("alone on two processors, one is free")
    func alone() {
        #expect(SpareProcessor.isFree(loadAverage: "0.10 0.20 0.30 1/345 6789\n", processors: 2))
    }

    @Test("beside another busy program on two processors, none is free")
    func besideAnother() {
        #expect(!SpareProcessor.isFree(loadAverage: "1.02 1.10 1.30 2/345 6789\n", processors: 2))
        #expect(SpareProcessor.isFree(loadAverage: "1.02 1.10 1.30 2/345 6789\n", processors: 4))
    }

    @Test("a line that cannot be read leaves the answer to the number of processors")
    func unreadable() {
        #expect(SpareProcessor.isFree(loadAverage: "", processors: 2))
        #expect(!SpareProcessor.isFree(loadAverage: "0.1 0.2 0.3 x/y 1", processors: 1))
        #expect(SpareProcessor.isFree(loadAverage: "0.1 0.2 0.3 x/y 1", processors: 8))
    }
}
