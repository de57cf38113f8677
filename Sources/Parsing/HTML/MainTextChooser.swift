import CLibXML2

/// Picks the element holding a page's main text, readability-style but simple: page chrome
/// (navigation, header, footer, asides, forms, scripts) never counts; an `<article>` or `<main>` with
/// real text wins; otherwise the element whose paragraphs hold the most text.
enum MainTextChooser {
    /// Below this many characters an `<article>`/`<main>` is a teaser card, not the page's content.
    private static let minimumLandmarkText = 200
    /// Paragraphs shorter than this are bylines, captions and buttons.
    private static let minimumParagraphText = 25

    static func mainText(root: xmlNodePtr) -> String {
        var landmarks: [xmlNodePtr] = []
        var paragraphs: [xmlNodePtr] = []
        var body: xmlNodePtr?
        // Only outermost landmarks and paragraphs are measured. A nested landmark's text is part of its
        // ancestor's, which is at least as long and comes first, so it could never win; a nested paragraph's
        // text already counts in the outer one. Measuring every level would cost depth × text: minutes on
        // a hostile page of a few hundred nested <article>s around a few megabytes of text.
        var open: [Candidate] = []
        var landmarkDepth = 0
        var paragraphDepth = 0
        ElementTraversal.forEachElement(
            under: root,
            enter: { node in
                let name = NodeTextWalker.lowercasedName(node)
                if MarkupTextRules.pageMain.dropped.contains(name) { return false }
                let candidate: Candidate
                switch name {
                case "article", "main": candidate = .landmark
                case "p", "pre": candidate = .paragraph
                case "body":
                    body = node
                    candidate = .other
                default:
                    let isMain = XMLNodeRef.attribute(of: node, name: "role", namespaceURI: nil) == "main"
                    candidate = isMain ? .landmark : .other
                }
                switch candidate {
                case .landmark:
                    if landmarkDepth == 0 { landmarks.append(node) }
                    landmarkDepth += 1
                case .paragraph:
                    if paragraphDepth == 0 { paragraphs.append(node) }
                    paragraphDepth += 1
                case .other:
                    break
                }
                open.append(candidate)
                return true
            },
            leave: { _ in
                switch open.popLast() {
                case .landmark: landmarkDepth -= 1
                case .paragraph: paragraphDepth -= 1
                case .other, nil: break
                }
            }
        )

        let landmark = landmarks.map { (node: $0, text: text(of: $0)) }.max { $0.text.count < $1.text.count }
        if let landmark, landmark.text.count >= minimumLandmarkText {
            return landmark.text
        }
        if let best = bestParagraphContainer(paragraphs) {
            return text(of: best)
        }
        return landmark?.text ?? body.map(text(of:)) ?? text(of: root)
    }

    /// What an element may hold the main text as.
    private enum Candidate {
        case landmark, paragraph, other
    }

    /// Scores each paragraph's parent with the paragraph's length and its grandparent with half of it.
    /// Ties go to the container scored first, in document order: read from a dictionary keyed by node
    /// address, the winner of a tie changed from one parse of the same page to the next.
    private static func bestParagraphContainer(_ paragraphs: [xmlNodePtr]) -> xmlNodePtr? {
        var scores: [(node: xmlNodePtr, score: Int)] = []
        var slots: [UnsafeMutableRawPointer: Int] = [:]
        func add(_ node: xmlNodePtr?, _ points: Int) {
            guard let node, node.pointee.type == XML_ELEMENT_NODE else { return }
            if let slot = slots[UnsafeMutableRawPointer(node)] {
                scores[slot].score += points
            } else {
                slots[UnsafeMutableRawPointer(node)] = scores.count
                scores.append((node, points))
            }
        }
        for paragraph in paragraphs {
            let length = text(of: paragraph).count
            guard length >= minimumParagraphText else { continue }
            add(paragraph.pointee.parent, length)
            add(paragraph.pointee.parent?.pointee.parent, length / 2)
        }
        return scores.max { $0.score < $1.score }?.node
    }

    private static func text(of node: xmlNodePtr) -> String {
        NodeTextWalker.text(ofChildrenOf: node, rules: .pageMain)
    }
}
