/// A small model of Swift source: the declarations, statements and expressions generated
/// code is made of. The printer (`OpenAPIGenRenderer`) turns it into text and knows nothing
/// else; what the code means is decided where the model is built.
///
/// Text from outside (a spec) can only appear as a string literal (`Literal.string`,
/// escaped by the printer) or as documentation (`DocComment`, escaped for a `///` line);
/// names are `Identifier`s, which are checked and backticked. Layout that cannot be
/// derived (where a call breaks, blank lines between members) is part of the model.

/// A file: `//` header lines, a blank line, imports, declarations.
public struct SourceFile: Hashable, Sendable {
    public var name: String
    /// Lines of the `//` header, as text (escaped by the printer).
    public var header: [String]
    public var imports: [Identifier]
    public var declarations: [Declaration]

    public init(name: String, header: [String], imports: [Identifier], declarations: [Declaration]) {
        self.name = name
        self.header = header
        self.imports = imports
        self.declarations = declarations
    }
}

public enum AccessModifier: String, Hashable, Sendable {
    case `public`, `package`, `internal`, `fileprivate`, `private`
}

/// A maximum line length for a layout that depends on it.
public struct LineWidth: Hashable, Sendable {
    /// At most this many characters.
    public var limit: Int
    /// Whether the indentation counts towards the limit, or only the line's text.
    public var countsIndentation: Bool

    public init(_ limit: Int, countsIndentation: Bool) {
        self.limit = limit
        self.countsIndentation = countsIndentation
    }
}

// MARK: - Types

/// A type as written: `Invitee.Status`, `[String: JSONValue]?`, `any Error`.
public enum TypeSyntax: Hashable, Sendable, CustomStringConvertible {
    /// A dotted path of type names: `Foundation.Date`.
    case named([Identifier])
    /// `Self`.
    case selfType
    indirect case optional(TypeSyntax)
    indirect case array(TypeSyntax)
    indirect case dictionary(key: TypeSyntax, value: TypeSyntax)
    /// `any P`.
    indirect case existential(TypeSyntax)
    /// `(label: T, label: U)`.
    case tuple([TupleElement])
    /// `(T) async throws -> U`.
    indirect case function(parameters: [TypeSyntax], isAsync: Bool, throwing: Bool, returnType: TypeSyntax)
    /// `@escaping @Sendable T`.
    indirect case attributed([Identifier], TypeSyntax)
    /// A generic type with its arguments: `AsyncThrowingStream<Item, any Error>`.
    indirect case generic(TypeSyntax, arguments: [TypeSyntax])

    public static func named(_ name: Identifier) -> TypeSyntax { .named([name]) }

    /// The type as Swift source.
    public var description: String {
        switch self {
        case .named(let path): return path.map(\.escaped).joined(separator: ".")
        case .selfType: return "Self"
        case .optional(let wrapped):
            switch wrapped {
            case .existential, .function, .attributed: return "(\(wrapped))?"
            default: return "\(wrapped)?"
            }
        case .array(let element): return "[\(element)]"
        case .dictionary(let key, let value): return "[\(key): \(value)]"
        case .existential(let constraint): return "any \(constraint)"
        case .tuple(let elements):
            return "("
                + elements.map { ($0.label.map { "\($0.escaped): " } ?? "") + $0.type.description }
                .joined(separator: ", ") + ")"
        case .function(let parameters, let isAsync, let throwing, let returnType):
            return "(" + parameters.map(\.description).joined(separator: ", ") + ")" + (isAsync ? " async" : "")
                + (throwing ? " throws" : "") + " -> \(returnType)"
        case .attributed(let attributes, let type):
            return attributes.map { "@\($0.escaped) " }.joined() + type.description
        case .generic(let base, let arguments):
            return "\(base)<" + arguments.map(\.description).joined(separator: ", ") + ">"
        }
    }
}

/// An element of a tuple type: `label: T`.
public struct TupleElement: Hashable, Sendable {
    public var label: Identifier?
    public var type: TypeSyntax

    public init(_ label: Identifier?, _ type: TypeSyntax) {
        self.label = label
        self.type = type
    }
}

// MARK: - Declarations

/// A declaration, or a member of a type or extension.
public enum Declaration: Hashable, Sendable {
    /// A declaration with its `///` documentation.
    indirect case commented(DocComment, Declaration)
    /// An empty line between members or declarations (the printer adds none of its own).
    case blankLine
    case `struct`(TypeDescription)
    case `enum`(TypeDescription)
    case `protocol`(TypeDescription)
    case `extension`(ExtensionDescription)
    case `typealias`(TypealiasDescription)
    case variable(VariableDescription)
    case function(FunctionDescription)
    case enumCase(EnumCaseDescription)
}

/// A struct, enum or protocol: `public struct Name: Codable, Hashable { … }`.
public struct TypeDescription: Hashable, Sendable {
    public var access: AccessModifier?
    /// `indirect enum` (enums only).
    public var isIndirect: Bool
    public var name: Identifier
    public var conformances: [TypeSyntax]
    public var members: [Declaration]

    public init(
        access: AccessModifier? = nil, isIndirect: Bool = false, name: Identifier, conformances: [TypeSyntax] = [],
        members: [Declaration]
    ) {
        self.access = access
        self.isIndirect = isIndirect
        self.name = name
        self.conformances = conformances
        self.members = members
    }
}

/// `extension Type: Protocol { … }`; on one line, `{}`, without members.
public struct ExtensionDescription: Hashable, Sendable {
    public var access: AccessModifier?
    public var type: TypeSyntax
    public var conformances: [TypeSyntax]
    public var members: [Declaration]

    public init(
        access: AccessModifier? = nil, type: TypeSyntax, conformances: [TypeSyntax] = [], members: [Declaration]
    ) {
        self.access = access
        self.type = type
        self.conformances = conformances
        self.members = members
    }
}

public struct TypealiasDescription: Hashable, Sendable {
    public var access: AccessModifier?
    public var name: Identifier
    public var target: TypeSyntax

    public init(access: AccessModifier? = nil, name: Identifier, target: TypeSyntax) {
        self.access = access
        self.name = name
        self.target = target
    }
}

/// An attribute: `@available(*, deprecated)` on a line of its own before the declaration,
/// a property wrapper (`@Indirect`) before the declaration on its line.
public enum Attribute: Hashable, Sendable {
    case deprecated
    case propertyWrapper(TypeSyntax)
}

/// `let`/`var` with a type, a value or a getter: a stored or computed property, or a local.
public struct VariableDescription: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case `let`, `var` }

    public var attributes: [Attribute]
    public var access: AccessModifier?
    public var isStatic: Bool
    public var kind: Kind
    public var name: Identifier
    public var type: TypeSyntax?
    public var value: Expression?
    /// The body of a read-only computed property.
    public var getter: [Statement]?

    public init(
        attributes: [Attribute] = [], access: AccessModifier? = nil, isStatic: Bool = false, kind: Kind,
        name: Identifier,
        type: TypeSyntax? = nil, value: Expression? = nil, getter: [Statement]? = nil
    ) {
        self.attributes = attributes
        self.access = access
        self.isStatic = isStatic
        self.kind = kind
        self.name = name
        self.type = type
        self.value = value
        self.getter = getter
    }
}

/// A parameter of a function or initialiser.
public struct ParameterDescription: Hashable, Sendable {
    public enum Label: Hashable, Sendable {
        /// The name is the label: `name: T`.
        case sameAsName
        /// No label: `_ name: T`.
        case none
        /// `label name: T`.
        case named(Identifier)
    }

    public var label: Label
    public var name: Identifier
    public var type: TypeSyntax
    public var defaultValue: Expression?

    public init(label: Label = .sameAsName, name: Identifier, type: TypeSyntax, defaultValue: Expression? = nil) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

/// How a parameter list is laid out.
public enum ParameterLayout: Hashable, Sendable {
    /// `(a: A, b: B)`.
    case inline
    /// One parameter a line, `)` on a line of its own.
    case onePerLine
    /// Inline when the declaration's first line (through `{` if it has a body) fits in
    /// the width, one a line otherwise.
    case fitting(LineWidth)
}

/// A function or initialiser; without a body, a protocol requirement.
public struct FunctionDescription: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case function(Identifier)
        case initializer
    }

    public var attributes: [Attribute]
    public var access: AccessModifier?
    public var isStatic: Bool
    /// `mutating func` (a value type's method that changes `self`).
    public var isMutating: Bool
    public var kind: Kind
    public var parameters: [ParameterDescription]
    public var isAsync: Bool
    public var throwing: Bool
    public var returnType: TypeSyntax?
    public var body: [Statement]?
    public var layout: ParameterLayout

    public init(
        attributes: [Attribute] = [], access: AccessModifier? = nil, isStatic: Bool = false,
        isMutating: Bool = false, kind: Kind, parameters: [ParameterDescription] = [], isAsync: Bool = false,
        throwing: Bool = false,
        returnType: TypeSyntax? = nil, body: [Statement]?, layout: ParameterLayout = .inline
    ) {
        self.attributes = attributes
        self.access = access
        self.isStatic = isStatic
        self.isMutating = isMutating
        self.kind = kind
        self.parameters = parameters
        self.isAsync = isAsync
        self.throwing = throwing
        self.returnType = returnType
        self.body = body
        self.layout = layout
    }
}

/// `case name`, `case name = "raw"`, `case name(T)`.
public struct EnumCaseDescription: Hashable, Sendable {
    public var name: Identifier
    public var associatedValues: [TypeSyntax]
    public var rawValue: Literal?

    public init(name: Identifier, associatedValues: [TypeSyntax] = [], rawValue: Literal? = nil) {
        self.name = name
        self.associatedValues = associatedValues
        self.rawValue = rawValue
    }
}

// MARK: - Statements

public enum Statement: Hashable, Sendable {
    case variable(VariableDescription)
    case expression(Expression)
    case `return`(Expression?)
    case `throw`(Expression)
    case `switch`(SwitchDescription)
    case `if`(IfDescription)
    /// The statement with every layout inline when that fits in the width, as laid out
    /// otherwise.
    indirect case fitting(LineWidth, Statement)
}

/// `switch subject { case …: … default: … }`, the cases at the `switch`'s indentation.
public struct SwitchDescription: Hashable, Sendable {
    public var subject: Expression
    public var cases: [SwitchCaseDescription]

    public init(subject: Expression, cases: [SwitchCaseDescription]) {
        self.subject = subject
        self.cases = cases
    }
}

public struct SwitchCaseDescription: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `case p, q:`.
        case patterns([Expression])
        case `default`
    }

    public var kind: Kind
    public var body: [Statement]
    /// `case p: statement` on one line (one statement), rather than the body indented below.
    public var sameLine: Bool

    public init(_ kind: Kind, body: [Statement], sameLine: Bool = false) {
        self.kind = kind
        self.body = body
        self.sameLine = sameLine
    }
}

/// `if let name = value { … }`.
public struct IfDescription: Hashable, Sendable {
    public enum Condition: Hashable, Sendable {
        /// `let name` (shorthand) or `let name = value`.
        case optionalBinding(Identifier, Expression?)
        case expression(Expression)
    }

    public var condition: Condition
    public var body: [Statement]
    /// `if c { a; b }` on one line, rather than the body indented below.
    public var sameLine: Bool

    public init(_ condition: Condition, body: [Statement], sameLine: Bool = false) {
        self.condition = condition
        self.body = body
        self.sameLine = sameLine
    }
}

// MARK: - Expressions

public enum Literal: Hashable, Sendable {
    /// Raw text, escaped by the printer.
    case string(String)
    case integer(Int)
    /// A finite number.
    case double(Double)
    case bool(Bool)
    case `nil`
}

/// How a call's arguments or a collection's elements are laid out.
public enum ElementLayout: Hashable, Sendable {
    /// `(a, b)`.
    case inline
    /// After `(`, lines of this many elements each (the last line takes any left), indented,
    /// `)` after the last.
    case lines([Int])
    /// After `[`, one element a line with a trailing comma, `]` on a line of its own.
    case wrappedWithTrailingCommas

    /// One element a line.
    public static func onePerLine(_ count: Int) -> ElementLayout { .lines(Array(repeating: 1, count: count)) }
}

public struct Argument: Hashable, Sendable {
    public var label: Identifier?
    public var value: Expression

    public init(_ label: Identifier?, _ value: Expression) {
        self.label = label
        self.value = value
    }
}

public enum BinaryOperator: String, Hashable, Sendable {
    case plus = " + "
    case halfOpenRange = "..<"
    case nilCoalescing = " ?? "
    case lessThan = " < "
    case equal = " == "
}

public enum Expression: Hashable, Sendable {
    case literal(Literal)
    case identifier(Identifier)
    /// `self`.
    case selfReference
    /// A type used as a value or callee: `URL(string:)`, `ClientCore(…)`.
    case type(TypeSyntax)
    /// `base.name`; without a base, `.name` (an implicit member).
    indirect case member(Expression?, Identifier)
    /// `base.init`, to call another initialiser.
    indirect case memberInit(Expression)
    indirect case call(Expression, [Argument], ElementLayout)
    /// `T.self`.
    case metatype(TypeSyntax)
    indirect case `try`(Expression)
    indirect case await(Expression)
    indirect case assignment(Expression, Expression)
    indirect case binary(Expression, BinaryOperator, Expression)
    indirect case `subscript`(Expression, [Expression])
    indirect case forceUnwrap(Expression)
    /// `&name`.
    indirect case inOut(Expression)
    /// `let name`, in a pattern.
    case binding(Identifier)
    /// `{ statements }` on one line.
    case closure([Statement])
    /// `base?`, to chain: `.member(.optionalChain(x), name)` is `x?.name`.
    indirect case optionalChain(Expression)
    /// `(value)`.
    indirect case parenthesized(Expression)
    /// `condition ? then : otherwise`.
    indirect case ternary(Expression, Expression, Expression)
    /// `callee { (name: T) in` statements, one a line, `}`: a call with a trailing
    /// closure that takes typed parameters.
    indirect case trailingClosure(Expression, parameters: [TupleElement], body: [Statement])
    case array([Expression], ElementLayout)
    case dictionary([DictionaryElement], ElementLayout)

    public static func string(_ text: String) -> Expression { .literal(.string(text)) }
    public static func name(_ identifier: Identifier) -> Expression { .identifier(identifier) }
    /// `base.name(arguments)`, inline.
    public static func call(_ callee: Expression, _ arguments: [Argument]) -> Expression {
        .call(callee, arguments, .inline)
    }
    public func dot(_ name: Identifier) -> Expression { .member(self, name) }
}

/// `key: value` in a dictionary literal.
public struct DictionaryElement: Hashable, Sendable {
    public var key: Expression
    public var value: Expression

    public init(_ key: Expression, _ value: Expression) {
        self.key = key
        self.value = value
    }
}
