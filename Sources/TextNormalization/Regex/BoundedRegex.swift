import Foundation

/// A regular expression compiled for a Pike virtual machine: the text is read once, left to right, with
/// every possible state of the pattern followed at once, so a search costs at most
/// (instructions × scalars read) steps whatever the pattern: no backtracking, no catastrophic case.
///
/// Both factors are bounded: a program has at most ``maximumInstructions`` instructions once its counted
/// repetitions are spelled out, and a search reads at most ``maximumScalars`` scalars of a field's folded
/// text, so one search takes at most 256 × 4,096 = 1,048,576 steps.
public struct BoundedRegex: Sendable {
    /// Most instructions in a compiled program.
    static let maximumInstructions = 256
    /// Most scalars of one field's folded text a search reads; the rest of the field is not searched.
    static let maximumScalars = 4096

    private enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case set(Int)
        case any
        case split(Int, Int)
        case jump(Int)
        case start
        case end
        case wordBoundary
        case match
    }

    private let program: [Instruction]
    private let sets: [RegexScalarSet]
    /// The instructions that can read the first scalar of a match: where none accepts a scalar and no
    /// thread is alive, no match starts, and the search moves on at the cost of these checks.
    private let starts: [Int]
    /// The UTF-8 bytes of the longest run of scalars every match holds (empty when none): a folded text
    /// without them is not searched.
    private let required: [UInt8]

    /// Parses and compiles `pattern`; the problem says why and where it is refused.
    public init(_ pattern: String) throws(TermProblem) {
        var compiler = Compiler()
        let tree = try RegexParser.parse(pattern)
        required = Array(String(String.UnicodeScalarView(Self.requiredLiteral(tree))).utf8)
        try compiler.emit(tree)
        try compiler.append(.match)
        program = compiler.program
        sets = compiler.sets
        starts = Self.reading(from: 0, in: program)
    }

    /// The longest run of scalars that every match of `node` holds, read from its literals: a sequence's
    /// adjacent literals together, or its longest child's; a repetition's node when it is required.
    private static func requiredLiteral(_ node: RegexNode) -> [Unicode.Scalar] {
        switch node {
        case .literal(let scalars):
            return scalars
        case .sequence(let nodes):
            var longest: [Unicode.Scalar] = [], run: [Unicode.Scalar] = []
            for node in nodes {
                if case .literal(let scalars) = node {
                    run += scalars
                } else {
                    // Anchors and boundaries read nothing: the literals around them are still adjacent.
                    switch node {
                    case .start, .end, .wordBoundary, .empty: continue
                    default: break
                    }
                    if run.count > longest.count { longest = run }
                    run = []
                    let inner = requiredLiteral(node)
                    if inner.count > longest.count { longest = inner }
                }
            }
            return run.count > longest.count ? run : longest
        case .repetition(let node, let minimum, _):
            return minimum > 0 ? requiredLiteral(node) : []
        case .empty, .set, .any, .start, .end, .wordBoundary, .alternation:
            return []
        }
    }

    /// Whether `folded`, a field's text as ``input(folded:)`` reads it, may hold a match: false when it
    /// lacks a run of scalars every match holds, which spares reading most texts scalar by scalar.
    public func mayMatch(folded: String) -> Bool {
        guard !required.isEmpty else { return true }
        var folded = folded
        return folded.withUTF8 { text in
            required.withUnsafeBufferPointer { needle in
                guard text.count >= needle.count, let base = text.baseAddress else { return false }
                // Each place of the needle's first byte, found by memchr, then the rest compared.
                let last = text.count - needle.count
                var index = 0
                while index <= last {
                    guard let found = memchr(base + index, Int32(needle[0]), last - index + 1) else { return false }
                    let place = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + place, needle.baseAddress!, needle.count) == 0 { return true }
                    index = place + 1
                }
                return false
            }
        }
    }

    /// The reading instructions reachable from `pc` without reading, assertions taken as passed.
    private static func reading(from pc: Int, in program: [Instruction]) -> [Int] {
        var seen = Set<Int>(), pending = [pc], found: [Int] = []
        while let pc = pending.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program[pc] {
            case .jump(let target): pending.append(target)
            case .split(let first, let second): pending += [first, second]
            case .start, .end, .wordBoundary: pending.append(pc + 1)
            case .scalar, .set, .any: found.append(pc)
            case .match: break
            }
        }
        return found
    }

    private func reads(_ scalar: Unicode.Scalar, at pc: Int) -> Bool {
        switch program[pc] {
        case .scalar(let expected): scalar == expected
        case .set(let index): sets[index].contains(scalar)
        case .any: true
        default: false
        }
    }

    /// The part of `text` a search reads: its first ``maximumScalars`` scalars, folded as item text is.
    /// Computed once per field and shared by every pattern.
    public static func input(_ text: String) -> [Unicode.Scalar] {
        input(folded: TextFolding.fold(text))
    }

    /// ``input(_:)`` of a text already folded.
    public static func input(folded: String) -> [Unicode.Scalar] {
        Array(folded.unicodeScalars.prefix(maximumScalars))
    }

    /// Whether the pattern matches somewhere in `input`, made by ``input(_:)``.
    public func matches(_ input: [Unicode.Scalar]) -> Bool {
        var current = ThreadSet(capacity: program.count), next = ThreadSet(capacity: program.count)
        var pending: [Int] = []
        // A pattern never matches the empty text (the parser refuses it), so a match reads a scalar first.
        for position in input.indices {
            let scalar = input[position]
            // A thread starting at every position makes the search unanchored.
            if !current.members.isEmpty || starts.contains(where: { reads(scalar, at: $0) }) {
                if add(0, at: position, in: input, to: &current, pending: &pending) { return true }
            }
            for pc in current.members where reads(scalar, at: pc) {
                if add(pc + 1, at: position + 1, in: input, to: &next, pending: &pending) { return true }
            }
            swap(&current, &next)
            next.removeAll()
        }
        return false
    }

    /// Adds the thread at `pc` and every thread reachable from it without reading; true when one matches.
    /// `pending` is scratch space, passed in so that no step allocates.
    private func add(
        _ pc: Int, at position: Int, in input: [Unicode.Scalar], to threads: inout ThreadSet, pending: inout [Int]
    ) -> Bool {
        pending.removeAll(keepingCapacity: true)
        pending.append(pc)
        while let pc = pending.popLast() {
            guard threads.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let target): pending.append(target)
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .start: if position == 0 { pending.append(pc + 1) }
            case .end: if position == input.count { pending.append(pc + 1) }
            case .wordBoundary:
                let before = position > 0 && WordPattern.isWord(input[position - 1])
                let after = position < input.count && WordPattern.isWord(input[position])
                if before != after { pending.append(pc + 1) }
            case .scalar, .set, .any: break
            }
        }
        return false
    }

    /// Instructions at most once each, in insertion order, cleared in time proportional to what it holds.
    private struct ThreadSet {
        private var present: [Bool]
        private(set) var members: [Int] = []

        init(capacity: Int) {
            present = Array(repeating: false, count: capacity)
        }

        mutating func insert(_ pc: Int) -> Bool {
            if present[pc] { return false }
            present[pc] = true
            members.append(pc)
            return true
        }

        mutating func removeAll() {
            for pc in members { present[pc] = false }
            members.removeAll(keepingCapacity: true)
        }
    }

    /// Turns a tree into instructions, refusing programs past the bound.
    private struct Compiler {
        var program: [Instruction] = []
        var sets: [RegexScalarSet] = []

        mutating func append(_ instruction: Instruction) throws(TermProblem) {
            guard program.count < BoundedRegex.maximumInstructions else {
                throw TermProblem(
                    message: "the regular expression is too large once its repetitions are spelled out "
                        + "(more than \(BoundedRegex.maximumInstructions) steps); shorten it or lower its counts")
            }
            program.append(instruction)
        }

        /// Appends a placeholder to patch once its targets are known.
        mutating func placeholder() throws(TermProblem) -> Int {
            try append(.match)
            return program.count - 1
        }

        mutating func emit(_ node: RegexNode) throws(TermProblem) {
            switch node {
            case .empty: break
            case .literal(let scalars): for scalar in scalars { try append(.scalar(scalar)) }
            case .set(let set):
                sets.append(set)
                try append(.set(sets.count - 1))
            case .any: try append(.any)
            case .start: try append(.start)
            case .end: try append(.end)
            case .wordBoundary: try append(.wordBoundary)
            case .sequence(let nodes): for node in nodes { try emit(node) }
            case .alternation(let branches): try emitAlternation(branches)
            case .repetition(let node, let minimum, let maximum): try emitRepetition(node, minimum: minimum, maximum: maximum)
            }
        }

        private mutating func emitAlternation(_ branches: [RegexNode]) throws(TermProblem) {
            var jumpsToEnd: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index == branches.count - 1 {
                    try emit(branch)
                    break
                }
                let split = try placeholder()
                try emit(branch)
                jumpsToEnd.append(try placeholder())
                program[split] = .split(split + 1, program.count)
            }
            for jump in jumpsToEnd { program[jump] = .jump(program.count) }
        }

        private mutating func emitRepetition(_ node: RegexNode, minimum: Int, maximum: Int?) throws(TermProblem) {
            for _ in 0..<minimum { try emit(node) }
            guard let maximum else {
                let split = try placeholder()
                try emit(node)
                try append(.jump(split))
                program[split] = .split(split + 1, program.count)
                return
            }
            var optionalSplits: [Int] = []
            for _ in minimum..<maximum {
                optionalSplits.append(try placeholder())
                try emit(node)
            }
            for split in optionalSplits { program[split] = .split(split + 1, program.count) }
        }
    }
}
