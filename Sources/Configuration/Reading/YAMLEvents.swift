// Yams hands out only the composed tree, in which an alias is already the node it names; the events of
// libyaml (which Yams builds on, bundles as its CYaml module and links) still show each alias where it is
// written, so the expansion of a file can be measured before Yams composes it.
import CYaml

/// The events of a YAML stream that matter to its expanded size.
enum YAMLEvent {
    /// A scalar of `bytes` UTF-8 bytes.
    case scalar(anchor: String?, bytes: Int, at: Position)
    /// A use of an anchor.
    case alias(anchor: String, at: Position)
    /// The start of a mapping or a list.
    case collectionStart(isMapping: Bool, anchor: String?, at: Position)
    /// The end of the innermost open mapping or list.
    case collectionEnd
}

enum YAMLEvents {
    /// Feeds the events of `text` to `visit` in order until it throws or the stream ends.
    ///
    /// A syntax error ends the events quietly: Yams reads the same text next and reports the error with
    /// its context. Every event before it has been visited, so nothing Yams builds escapes `visit`.
    static func forEach<Failure: Error>(
        in text: String, _ visit: (YAMLEvent) throws(Failure) -> Void
    ) throws(Failure) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in
            guard let base = buffer.baseAddress else { return }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                let converted = convert(event)
                yaml_event_delete(&event)
                if done { return }
                if let converted { try visit(converted) }
            }
        }
    }

    private static func convert(_ event: yaml_event_t) -> YAMLEvent? {
        let position = Position(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            return .scalar(anchor: name(event.data.scalar.anchor), bytes: Int(event.data.scalar.length), at: position)
        case YAML_ALIAS_EVENT:
            return .alias(anchor: name(event.data.alias.anchor) ?? "", at: position)
        case YAML_SEQUENCE_START_EVENT:
            return .collectionStart(isMapping: false, anchor: name(event.data.sequence_start.anchor), at: position)
        case YAML_MAPPING_START_EVENT:
            return .collectionStart(isMapping: true, anchor: name(event.data.mapping_start.anchor), at: position)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return .collectionEnd
        default:
            return nil
        }
    }

    private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
