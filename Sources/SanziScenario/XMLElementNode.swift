/// An element read from a file: name, attributes in file order, children and text.
///
/// This is Sanzi's own small tree, so that no libxml2 type leaves the reader.
final class XMLElementNode {
    let name: String
    let namespace: String?
    /// The line libxml2 gave for the element (1-based).
    let line: Int
    private(set) var attributes: [(name: String, value: String)]
    private(set) var children: [XMLElementNode] = []
    private(set) var text = ""

    init(name: String, namespace: String?, line: Int, attributes: [(name: String, value: String)]) {
        self.name = name
        self.namespace = namespace
        self.line = line
        self.attributes = attributes
    }

    func append(child: XMLElementNode) { children.append(child) }
    func append(text more: String) { text += more }

    /// The value of an attribute, if present.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The children with a given element name.
    func children(named name: String) -> [XMLElementNode] { children.filter { $0.name == name } }

    /// The first child with a given element name.
    func child(named name: String) -> XMLElementNode? { children.first { $0.name == name } }
}
