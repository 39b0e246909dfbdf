import CLibXML2

/// What the built-in XSD allows, by element name: the attributes an element may carry (over
/// every declaration of that name) and every element name, for "did you mean" hints on schema
/// errors. Read once from the XSD itself, so it never disagrees with validation.
struct SchemaVocabulary: Sendable {
    static let shared = SchemaVocabulary(text: ScenarioSchema.text)

    /// Attribute names by element name.
    private(set) var attributes: [String: Set<String>] = [:]

    /// The attributes an element may carry, sorted.
    func attributes(of element: String) -> [String] { (attributes[element] ?? []).sorted() }

    /// Every element name of the vocabulary.
    var elements: [String] { attributes.keys.sorted() }

    private init(text: String) {
        LibXML2.initialize()
        var bytes = Array(text.utf8)
        let document = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                xmlReadMemory(base, Int32(buffer.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
            }
        }
        guard let document, let root = xmlDocGetRootElement(document) else { return }
        defer { xmlFreeDoc(document) }
        let tree = Tree(root)
        for element in tree.all("element") {
            guard let name = Tree.attribute("name", of: element) else { continue }
            let type = Tree.attribute("type", of: element).flatMap { tree.types[Tree.local($0)] }
            let declaration = Tree.children(of: element).first { Tree.name(of: $0) == "complexType" } ?? type
            attributes[name, default: []].formUnion(declaration.map { tree.attributes(of: $0) } ?? [])
        }
    }

    /// The XSD as a libxml2 tree: named complex types and attribute groups, and a walk.
    private struct Tree {
        var types: [String: xmlNodePtr] = [:]
        var groups: [String: xmlNodePtr] = [:]
        let root: xmlNodePtr

        init(_ root: xmlNodePtr) {
            self.root = root
            for node in Tree.children(of: root) {
                guard let name = Tree.attribute("name", of: node) else { continue }
                switch Tree.name(of: node) {
                case "complexType": types[name] = node
                case "attributeGroup": groups[name] = node
                default: break
                }
            }
        }

        /// Every node of an XSD kind, in document order.
        func all(_ kind: String) -> [xmlNodePtr] {
            var found: [xmlNodePtr] = []
            var stack = [root]
            while let node = stack.popLast() {
                if Tree.name(of: node) == kind { found.append(node) }
                stack += Tree.children(of: node).reversed()
            }
            return found
        }

        /// The attributes a type declares, with its attribute groups' and its base type's;
        /// nested element declarations are their own elements' business.
        func attributes(of type: xmlNodePtr, depth: Int = 0) -> Set<String> {
            guard depth < 16 else { return [] }
            var names: Set<String> = []
            for node in Tree.children(of: type) {
                switch Tree.name(of: node) {
                case "element":
                    continue
                case "attribute":
                    if let name = Tree.attribute("name", of: node) { names.insert(name) }
                case "attributeGroup":
                    if let group = Tree.attribute("ref", of: node).flatMap({ groups[Tree.local($0)] }) {
                        names.formUnion(attributes(of: group, depth: depth + 1))
                    }
                case "extension":
                    if let base = Tree.attribute("base", of: node).flatMap({ types[Tree.local($0)] }) {
                        names.formUnion(attributes(of: base, depth: depth + 1))
                    }
                    names.formUnion(attributes(of: node, depth: depth + 1))
                default:
                    names.formUnion(attributes(of: node, depth: depth + 1))
                }
            }
            return names
        }

        static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            return children
        }

        static func name(of node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

        static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
            var property = node.pointee.properties
            while let current = property {
                if let key = current.pointee.name, String(cString: key) == name {
                    return current.pointee.children?.pointee.content.map { String(cString: $0) }
                }
                property = current.pointee.next
            }
            return nil
        }

        /// A qualified name without its prefix ("s:village" → "village").
        static func local(_ name: String) -> String { String(name.split(separator: ":").last ?? "") }
    }
}
