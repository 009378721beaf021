import OpenAPIGenSyntax

import enum OpenAPIGenConcurrency.ConcurrentWork

/// Prints the syntax model as Swift source: four-space indentation, the layout the model
/// asks for, string literals and doc comments escaped. It knows nothing about what the
/// code means.
public enum SwiftPrinter {
    /// Each file's source text. The top-level declarations of large files are printed on
    /// every core, in runs joined in order, so the text is the same as from one printer.
    public static func print(_ files: [SourceFile]) -> [RenderedFile] {
        files.map { file in
            let declarations = file.declarations
            let pieces = ConcurrentWork.pieces(declarations.count, minimumCount: 128, itemsPerPiece: 64)
            let parts = ConcurrentWork.map(pieces.count) { text(of: declarations[pieces[$0]]) }
            return join(header(of: file), parts, name: file.name)
        }
    }

    /// The header and imports of `file` (not its declarations), as the first part of its text.
    public static func header(of file: SourceFile) -> PrintedText {
        var printer = CodePrinter()
        printer.header(of: file)
        return PrintedText(printer)
    }

    /// Top-level declarations as a part of a file's text: consecutive runs printed apart
    /// join into what one printer would give.
    public static func text(of declarations: ArraySlice<Declaration>) -> PrintedText {
        var printer = CodePrinter(capacity: 1 << 16)
        for declaration in declarations { printer.declaration(declaration) }
        return PrintedText(printer)
    }

    /// A file's text from its header and its parts in order, in one copy of exactly its
    /// size (not into a buffer that grows by doubling, then the text).
    public static func join(_ header: PrintedText, _ parts: [PrintedText], name: String) -> RenderedFile {
        let parts = [header] + parts
        let count = parts.reduce(0) { $0 + $1.printer.byteCount }
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var offset = 0
            for part in parts { offset = part.printer.copyBytes(into: buffer, at: offset) }
            initialized = offset
        }
        return RenderedFile(name: name, printedUTF8: bytes)
    }

    /// One file's source text.
    public static func print(_ file: SourceFile) -> String { print([file])[0].contents }

    /// Declarations as source text, starting at `indentation` levels.
    public static func print(_ declarations: [Declaration], indentation: Int = 0) -> String {
        var printer = CodePrinter(indentation: indentation)
        for declaration in declarations { printer.declaration(declaration) }
        return printer.text
    }

    /// Statements as source text, starting at `indentation` levels.
    public static func print(_ statements: [Statement], indentation: Int = 0) -> String {
        var printer = CodePrinter(indentation: indentation)
        for statement in statements { printer.statementLine(statement) }
        return printer.text
    }

    /// An expression on one line, whatever layouts it asks for.
    public static func inline(_ expression: Expression) -> String {
        var printer = CodePrinter(capacity: 128, inline: true)
        printer.expression(expression)
        return printer.text
    }
}

/// The printer's UTF-8 bytes: a buffer that grows by doubling and is appended to by a
/// plain copy (`Array.append(contentsOf:)` costs about 95 instructions a call, and the
/// printer appends 430,000 times for Stripe). Changed only through a ``CodePrinter`` that
/// holds the one reference to it (it copies a shared buffer before writing), so it is
/// never written from two threads.
private final class ByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    func copy() -> ByteBuffer {
        let copy = ByteBuffer(capacity: count)
        copy.append(UnsafeBufferPointer(start: base, count: count))
        return copy
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress else { return }
        if capacity - count < source.count { grow(toHold: count + source.count) }
        (base + count).initialize(from: start, count: source.count)
        count += source.count
    }

    @inline(__always)
    func append(_ byte: UInt8, times: Int = 1) {
        if capacity - count < times { grow(toHold: count + times) }
        (base + count).initialize(repeating: byte, count: times)
        count += times
    }

    private func grow(toHold needed: Int) {
        capacity = max(capacity * 2, needed)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
    }
}

/// Accumulates source text in one buffer of UTF-8 bytes (appending bytes costs less than
/// appending to a `String`); indentation is written before the first text of a line, so
/// empty lines have none.
struct CodePrinter {
    private var buffer: ByteBuffer
    /// The text so far.
    var text: String { String(decoding: buffer.bytes, as: UTF8.self) }
    /// The current depth, in levels of four spaces.
    private(set) var indentation: Int
    private var atLineStart = true
    /// Every layout on one line (to measure whether it fits).
    private let forcesInline: Bool

    init(capacity: Int = 16_384, indentation: Int = 0, inline: Bool = false) {
        buffer = ByteBuffer(capacity: capacity)
        self.indentation = indentation
        self.forcesInline = inline
    }

    /// The buffer, copied first if another printer shares it: printers are values.
    private var uniqueBuffer: ByteBuffer {
        mutating get {
            if !isKnownUniquelyReferenced(&buffer) { buffer = buffer.copy() }
            return buffer
        }
    }

    /// Writes text the printer spells itself (`func `, ` {`): a literal, copied as it is.
    mutating func write(_ literal: StaticString) {
        indentIfAtLineStart()
        uniqueBuffer.append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Writes text made at run time (names, escaped literals, doc lines).
    mutating func write(text content: String) {
        indentIfAtLineStart()
        let buffer = uniqueBuffer
        // The string's bytes in one copy (appending its `utf8` view goes byte by byte).
        if content.utf8.withContiguousStorageIfAvailable({ buffer.append($0) }) == nil {
            var content = content
            content.withUTF8 { buffer.append($0) }
        }
    }

    /// Writes an identifier, in backticks when it is a keyword (``Identifier/escaped``).
    mutating func write(identifier: Identifier) {
        if identifier.needsBackticks {
            write("`")
            write(text: identifier.name)
            write("`")
        } else {
            write(text: identifier.name)
        }
    }

    /// Writes the text another printer made (one line, measured with ``fits(within:)``).
    mutating func write(_ other: CodePrinter) {
        indentIfAtLineStart()
        uniqueBuffer.append(other.buffer.bytes)
    }

    @inline(__always)
    private mutating func indentIfAtLineStart() {
        guard atLineStart else { return }
        uniqueBuffer.append(0x20, times: indentation * 4)
        atLineStart = false
    }

    /// Whether the text is one line of at most `limit` characters. Read from the bytes:
    /// ASCII without a carriage return has one character per byte (only `\r\n` joins two),
    /// and a line feed is always a character of its own.
    func fits(within limit: Int) -> Bool {
        for byte in buffer.bytes {
            if byte >= 0x80 || byte == 0x0D {
                let line = text
                return !line.contains("\n") && line.count <= limit
            }
            if byte == 0x0A { return false }
        }
        return buffer.count <= limit
    }

    mutating func newline() {
        uniqueBuffer.append(0x0A)
        atLineStart = true
    }

    /// How many bytes of text there are so far.
    var byteCount: Int { buffer.count }

    /// Copies the text into `target` from `offset`; returns the offset just past it.
    func copyBytes(into target: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let source = buffer.bytes
        guard let start = source.baseAddress, let base = target.baseAddress else { return offset }
        (base + offset).update(from: start, count: source.count)
        return offset + source.count
    }

    // MARK: Files and comments

    mutating func header(of file: SourceFile) {
        for line in file.header {
            write(text: "// " + SourceEscaping.docCommentLines(line).joined(separator: " "))
            newline()
        }
        newline()
        for module in file.imports {
            write("import ")
            write(identifier: module)
            newline()
        }
    }

    mutating func documentation(_ comment: DocComment) {
        var lines: [String] = []
        for line in comment.lines {
            switch line {
            case .text(let text): lines += SourceEscaping.docCommentLines(text)
            case .joined(let pieces):
                var joined = ""
                for piece in pieces {
                    switch piece {
                    case .text(let text): joined += SourceEscaping.docCommentText(text)
                    case .lines(let text, let separator):
                        joined += SourceEscaping.docCommentLines(text).joined(separator: separator)
                    }
                }
                lines.append(joined)
            }
        }
        guard let first = lines.firstIndex(where: { !$0.isEmpty }), let last = lines.lastIndex(where: { !$0.isEmpty })
        else { return }
        for line in lines[first...last] {
            if line.isEmpty {
                write("///")
            } else {
                write("/// ")
                write(text: line)
            }
            newline()
        }
    }

    /// A type, written straight into the buffer.
    mutating func type(_ type: TypeSyntax) {
        switch type {
        case .named(let path):
            for (index, name) in path.enumerated() {
                if index > 0 { write(".") }
                write(identifier: name)
            }
        case .optional(let wrapped):
            switch wrapped {
            case .existential, .function, .attributed:
                write("(")
                self.type(wrapped)
                write(")?")
            default:
                self.type(wrapped)
                write("?")
            }
        case .array(let element):
            write("[")
            self.type(element)
            write("]")
        case .dictionary(let key, let value):
            write("[")
            self.type(key)
            write(": ")
            self.type(value)
            write("]")
        case .generic(let base, let arguments):
            self.type(base)
            write("<")
            types(arguments)
            write(">")
        case .selfType, .existential, .tuple, .function, .attributed:
            write(text: type.description)
        }
    }

    private mutating func types(_ types: [TypeSyntax]) {
        for (index, type) in types.enumerated() {
            if index > 0 { write(", ") }
            self.type(type)
        }
    }

    // MARK: Declarations

    mutating func declaration(_ declaration: Declaration) {
        switch declaration {
        case .commented(let comment, let declaration):
            documentation(comment)
            self.declaration(declaration)
        case .blankLine:
            newline()
        case .struct(let type): typeDeclaration("struct", type)
        case .enum(let type): typeDeclaration(type.isIndirect ? "indirect enum" : "enum", type)
        case .protocol(let type): typeDeclaration("protocol", type)
        case .extension(let description):
            writeModifiers(description.access)
            write("extension ")
            type(description.type)
            conformances(description.conformances)
            members(description.members)
        case .typealias(let alias):
            writeModifiers(alias.access)
            write("typealias ")
            write(identifier: alias.name)
            write(" = ")
            type(alias.target)
            newline()
        case .variable(let variable):
            self.variable(variable)
            newline()
        case .function(let function): self.function(function)
        case .enumCase(let item):
            write("case ")
            write(identifier: item.name)
            if !item.associatedValues.isEmpty {
                write("(")
                types(item.associatedValues)
                write(")")
            }
            if let raw = item.rawValue {
                write(" = ")
                literal(raw)
            }
            newline()
        }
    }

    /// `public static `: the access level and `static`, each followed by a space.
    private mutating func writeModifiers(_ access: AccessModifier?, isStatic: Bool = false) {
        if let access {
            write(text: access.rawValue)
            write(" ")
        }
        if isStatic { write("static ") }
    }

    private mutating func typeDeclaration(_ keyword: StaticString, _ type: TypeDescription) {
        writeModifiers(type.access)
        write(keyword)
        write(" ")
        write(identifier: type.name)
        conformances(type.conformances)
        members(type.members)
    }

    private mutating func conformances(_ types: [TypeSyntax]) {
        if !types.isEmpty {
            write(": ")
            self.types(types)
        }
    }

    /// ` {}`, or ` {`, the members indented, `}`.
    private mutating func members(_ members: [Declaration]) {
        guard !members.isEmpty else {
            write(" {}")
            newline()
            return
        }
        write(" {")
        newline()
        indentation += 1
        for member in members { declaration(member) }
        indentation -= 1
        write("}")
        newline()
    }

    private mutating func attributeLines(_ attributes: [Attribute]) {
        for attribute in attributes where attribute == .deprecated {
            write("@available(*, deprecated)")
            newline()
        }
    }

    /// `let name: T = value`, or a computed property and its getter (no line break after).
    private mutating func variable(_ variable: VariableDescription) {
        attributeLines(variable.attributes)
        for case .propertyWrapper(let wrapper) in variable.attributes {
            write("@")
            type(wrapper)
            write(" ")
        }
        writeModifiers(variable.access, isStatic: variable.isStatic)
        write(text: variable.kind.rawValue)
        write(" ")
        write(identifier: variable.name)
        if let variableType = variable.type {
            write(": ")
            type(variableType)
        }
        if let value = variable.value {
            write(" = ")
            expression(value)
        }
        if let getter = variable.getter { block(getter) }
    }

    private mutating func function(_ function: FunctionDescription) {
        attributeLines(function.attributes)
        var layout = function.layout
        if case .fitting(let width) = layout {
            var measure = CodePrinter(capacity: 128, inline: true)
            measure.signature(function, layout: .inline)
            if function.body != nil { measure.write(" {") }
            layout = fits(measure, width) ? .inline : .onePerLine
        }
        signature(function, layout: layout)
        if let body = function.body { block(body) }
        newline()
    }

    private mutating func signature(_ function: FunctionDescription, layout: ParameterLayout) {
        switch function.kind {
        case .function(let name):
            writeModifiers(function.access, isStatic: function.isStatic)
            if function.isMutating { write("mutating ") }
            write("func ")
            write(identifier: name)
            write("(")
        case .initializer:
            writeModifiers(function.access, isStatic: function.isStatic)
            write("init(")
        }
        if layout == .onePerLine && !forcesInline {
            newline()
            indentation += 1
            for (index, parameter) in function.parameters.enumerated() {
                self.parameter(parameter)
                if index < function.parameters.count - 1 { write(",") }
                newline()
            }
            indentation -= 1
        } else {
            for (index, parameter) in function.parameters.enumerated() {
                if index > 0 { write(", ") }
                self.parameter(parameter)
            }
        }
        write(")")
        if function.isAsync { write(" async") }
        if function.throwing { write(" throws") }
        if let returnType = function.returnType {
            write(" -> ")
            type(returnType)
        }
    }

    private mutating func parameter(_ parameter: ParameterDescription) {
        switch parameter.label {
        case .sameAsName: break
        case .none: write("_ ")
        case .named(let label):
            write(identifier: label)
            write(" ")
        }
        write(identifier: parameter.name)
        write(": ")
        type(parameter.type)
        if let value = parameter.defaultValue {
            write(" = ")
            expression(value)
        }
    }

    /// ` {}`, or ` {`, the statements indented, `}` (no line break after).
    private mutating func block(_ statements: [Statement]) {
        guard !statements.isEmpty else {
            write(" {}")
            return
        }
        write(" {")
        newline()
        indentation += 1
        for statement in statements { statementLine(statement) }
        indentation -= 1
        write("}")
    }

    /// Whether `measure` (a layout printed on one line) fits `width` from here.
    private func fits(_ measure: CodePrinter, _ width: LineWidth) -> Bool {
        measure.fits(within: width.limit - (width.countsIndentation ? indentation * 4 : 0))
    }

    // MARK: Statements

    mutating func statementLine(_ statement: Statement) {
        self.statement(statement)
        newline()
    }

    private mutating func statement(_ statement: Statement) {
        switch statement {
        case .variable(let variable): self.variable(variable)
        case .expression(let value): expression(value)
        case .return(let value):
            write("return")
            if let value {
                write(" ")
                expression(value)
            }
        case .throw(let value):
            write("throw ")
            expression(value)
        case .switch(let description): switchStatement(description)
        case .if(let description):
            write("if ")
            switch description.condition {
            case .optionalBinding(let name, let value):
                write("let ")
                write(identifier: name)
                if let value {
                    write(" = ")
                    expression(value)
                }
            case .expression(let value): expression(value)
            }
            if description.sameLine || forcesInline {
                sameLineBlock(description.body)
            } else {
                block(description.body)
            }
        case .fitting(let width, let inner):
            var measure = CodePrinter(capacity: 128, inline: true)
            measure.statement(inner)
            if fits(measure, width) {
                write(measure)
            } else {
                self.statement(inner)
            }
        }
    }

    /// ` { a; b }` (`{ a; b }` for a closure).
    private mutating func sameLineBlock(_ statements: [Statement], leadingSpace: Bool = true) {
        write(leadingSpace ? " {" : "{")
        for (index, statement) in statements.enumerated() {
            write(index == 0 ? " " : "; ")
            self.statement(statement)
        }
        write(statements.isEmpty ? "}" : " }")
    }

    private mutating func switchStatement(_ description: SwitchDescription) {
        write("switch ")
        expression(description.subject)
        write(" {")
        newline()
        for item in description.cases {
            switch item.kind {
            case .patterns(let patterns):
                write("case ")
                list(patterns, separator: ", ") { (printer: inout CodePrinter, pattern: Expression) in
                    printer.expression(pattern)
                }
                write(":")
            case .default:
                write("default:")
            }
            if item.sameLine && item.body.count == 1 {
                write(" ")
                statement(item.body[0])
                newline()
            } else {
                newline()
                indentation += 1
                for statement in item.body { statementLine(statement) }
                indentation -= 1
            }
        }
        write("}")
    }

    // MARK: Expressions

    private mutating func list<Element>(
        _ elements: [Element], separator: StaticString, _ body: (inout CodePrinter, Element) -> Void
    ) {
        for (index, element) in elements.enumerated() {
            if index > 0 { write(separator) }
            body(&self, element)
        }
    }

    private mutating func literal(_ literal: Literal) {
        switch literal {
        case .string(let text): write(text: SourceEscaping.stringLiteral(text))
        case .integer(let number): write(text: String(number))
        case .double(let number):
            precondition(number.isFinite, "a number literal must be finite")
            write(text: "\(number)")
        case .bool(let flag): write(flag ? "true" : "false")
        case .nil: write("nil")
        }
    }

    mutating func expression(_ expression: Expression) {
        switch expression {
        case .literal(let value): literal(value)
        case .identifier(let name): write(identifier: name)
        case .selfReference: write("self")
        case .type(let value): type(value)
        case .member(let base, let name):
            if let base { self.expression(base) }
            write(".")
            write(identifier: name)
        case .memberInit(let base):
            self.expression(base)
            write(".init")
        case .call(let callee, let arguments, let layout):
            self.expression(callee)
            elements(arguments, layout: layout, open: "(", close: ")") {
                (printer: inout CodePrinter, argument: Argument) in
                if let label = argument.label {
                    printer.write(text: label.argumentLabel)
                    printer.write(": ")
                }
                printer.expression(argument.value)
            }
        case .metatype(let value):
            type(value)
            write(".self")
        case .try(let value):
            write("try ")
            self.expression(value)
        case .await(let value):
            write("await ")
            self.expression(value)
        case .assignment(let target, let value):
            self.expression(target)
            write(" = ")
            self.expression(value)
        case .binary(let left, let operation, let right):
            self.expression(left)
            write(text: operation.rawValue)
            self.expression(right)
        case .subscript(let base, let arguments):
            self.expression(base)
            write("[")
            list(arguments, separator: ", ") { (printer: inout CodePrinter, argument: Expression) in
                printer.expression(argument)
            }
            write("]")
        case .forceUnwrap(let value):
            self.expression(value)
            write("!")
        case .inOut(let value):
            write("&")
            self.expression(value)
        case .binding(let name):
            write("let ")
            write(identifier: name)
        case .closure(let statements): sameLineBlock(statements, leadingSpace: false)
        case .optionalChain(let value):
            self.expression(value)
            write("?")
        case .parenthesized(let value):
            write("(")
            self.expression(value)
            write(")")
        case .ternary(let condition, let then, let otherwise):
            self.expression(condition)
            write(" ? ")
            self.expression(then)
            write(" : ")
            self.expression(otherwise)
        case .trailingClosure(let callee, let parameters, let body):
            self.expression(callee)
            write(" { (")
            for (index, parameter) in parameters.enumerated() {
                if index > 0 { write(", ") }
                if let label = parameter.label {
                    write(identifier: label)
                    write(": ")
                }
                type(parameter.type)
            }
            write(") in")
            newline()
            indentation += 1
            for statement in body { statementLine(statement) }
            indentation -= 1
            write("}")
        case .array(let items, let layout):
            elements(items, layout: layout, open: "[", close: "]") { (printer: inout CodePrinter, item: Expression) in
                printer.expression(item)
            }
        case .dictionary(let pairs, let layout):
            if pairs.isEmpty {
                write("[:]")
                return
            }
            elements(pairs, layout: layout, open: "[", close: "]") {
                (printer: inout CodePrinter, pair: DictionaryElement) in
                printer.expression(pair.key)
                printer.write(": ")
                printer.expression(pair.value)
            }
        }
    }

    /// `open` elements `close`, laid out as asked.
    private mutating func elements<Element>(
        _ elements: [Element], layout: ElementLayout, open: StaticString, close: StaticString,
        _ body: (inout CodePrinter, Element) -> Void
    ) {
        write(open)
        switch forcesInline || elements.isEmpty ? .inline : layout {
        case .inline:
            list(elements, separator: ", ", body)
        case .lines(let counts):
            newline()
            indentation += 1
            var index = 0
            for (group, count) in counts.enumerated() {
                let end = group == counts.count - 1 ? elements.count : min(index + count, elements.count)
                list(Array(elements[index..<end]), separator: ", ", body)
                index = end
                if index < elements.count {
                    write(",")
                    newline()
                }
            }
            indentation -= 1
        case .wrappedWithTrailingCommas:
            newline()
            indentation += 1
            for element in elements {
                body(&self, element)
                write(",")
                newline()
            }
            indentation -= 1
        }
        write(close)
    }
}
