import OpenAPIGenDiagnostics
import OpenAPIGenModel
import XCTest

/// OpenAPI 3.1's binary data (JSON Schema's `contentMediaType` and `contentEncoding`) and the
/// multipart Encoding Object's fields the generator reads.
final class ContentKeywordTests: XCTestCase {
    func testContentMediaTypeAndEncodingAreRead() throws {
        let parsed = try parse(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            components:
              schemas:
                Doc:
                  type: object
                  properties:
                    image: {contentMediaType: image/png}
                    bytes: {type: string, contentEncoding: base64}
                    both: {type: string, contentMediaType: application/pdf, contentEncoding: base64}
                    plain: {type: string}
            """)
        XCTAssertEqual(parsed.warnings, [])
        let properties = try XCTUnwrap(parsed.document.components.schemas["Doc"]).properties
        let byName = Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.schema) })
        XCTAssertEqual(byName["image"]?.contentMediaType, "image/png")
        XCTAssertEqual(byName["image"]?.types, [], "no type is added: the translator reads it as a string")
        XCTAssertNil(byName["image"]?.contentEncoding)
        XCTAssertEqual(byName["bytes"]?.contentEncoding, "base64")
        XCTAssertNil(byName["bytes"]?.contentMediaType)
        XCTAssertEqual(byName["both"]?.contentMediaType, "application/pdf")
        XCTAssertEqual(byName["both"]?.contentEncoding, "base64")
        XCTAssertNil(byName["plain"]?.contentMediaType)
        XCTAssertNil(byName["plain"]?.contentEncoding)
    }

    func testEncodingsOtherThanBase64AreLocatedWarnings() throws {
        let parsed = try parse(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            components:
              schemas:
                Doc:
                  type: object
                  properties:
                    url: {type: string, contentEncoding: base64url}
                    odd: {type: string, contentEncoding: rot13}
                    raw: {type: string, contentEncoding: 8bit}
            """)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:8:46: warning: 'contentEncoding: base64url' is not decoded (only base64 is); "
                    + "the value is read as its text (String)",
                "spec.yaml:9:46: warning: unknown contentEncoding 'rot13'; expected base64, base64url, "
                    + "quoted-printable, 7bit, 8bit or binary; the value is read as its text (String)",
            ])
        let properties = try XCTUnwrap(parsed.document.components.schemas["Doc"]).properties
        XCTAssertEqual(properties.map(\.schema.contentEncoding), ["base64url", "rot13", "8bit"])
    }

    func testMultipartEncodingHeadersAreAWarningAndContentTypeIsKeptAsWritten() throws {
        let parsed = try parse(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            components:
              requestBodies:
                Upload:
                  content:
                    multipart/form-data:
                      schema: {type: object, properties: {file: {contentMediaType: image/png}}}
                      encoding:
                        file:
                          contentType: image/png, image/jpeg
                          headers: {X-Tag: {schema: {type: string}}}
                Form:
                  content:
                    application/x-www-form-urlencoded:
                      schema: {type: object, properties: {name: {type: string}}}
                      encoding:
                        name: {headers: {X-Tag: {schema: {type: string}}}}
            """)
        // `headers` of a form's encoding are ignored by the spec's own words: no warning.
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:12:24: warning: 'headers' of the encoding of 'file' is not generated; "
                    + "the part is sent without them"
            ])
        guard case .value(let upload)? = parsed.document.components.requestBodies["Upload"] else {
            return XCTFail("the request body is read")
        }
        let encoding = try XCTUnwrap(upload.content["multipart/form-data"]?.encoding["file"])
        XCTAssertEqual(encoding.contentType, "image/png, image/jpeg")
        XCTAssertEqual(encoding.location?.line, 11)
    }
}
