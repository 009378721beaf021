import Foundation

/// What every generated client shares: the server, the transport, the middleware chain
/// and the JSON coders. Generated operations build an ``HTTPRequest`` with
/// ``RequestBuilder``, send it here and interpret the ``HTTPResponse``.
public struct ClientCore: Sendable {
    public let serverURL: URL
    public let transport: any HTTPTransport
    public let middlewares: [any ClientMiddleware]

    public init(serverURL: URL, transport: any HTTPTransport, middlewares: [any ClientMiddleware]) {
        self.serverURL = serverURL
        self.transport = transport
        self.middlewares = middlewares
    }

    /// Sends `builder`'s request through the middleware chain and the transport.
    public func send(_ builder: RequestBuilder, operationID: String) async throws -> HTTPResponse {
        let request = try builder.build(serverURL: serverURL)
        let transport = self.transport
        var next: @Sendable (HTTPRequest) async throws -> HTTPResponse = { request in
            do {
                return try await transport.send(request)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw TransportError(operationID: operationID, underlying: error)
            }
        }
        for middleware in middlewares.reversed() {
            let inner = next
            next = { request in try await middleware.intercept(request, operationID: operationID, next: inner) }
        }
        return try await next(request)
    }

    /// Decodes a documented response's JSON body.
    public func decodeJSON<T: Decodable>(
        _ type: T.Type, from response: HTTPResponse, operationID: String
    ) throws -> T {
        do {
            return try JSONCoding.makeDecoder().decode(type, from: response.body)
        } catch {
            throw ResponseDecodingError(
                operationID: operationID, statusCode: response.statusCode, decodingError: error,
                body: response.body)
        }
    }

    /// The error for a documented error status, with its body decoded when it can be.
    public func documentedError<Body: Decodable & Sendable>(
        _ type: Body.Type, from response: HTTPResponse, operationID: String
    ) -> APIError<Body> {
        APIError(
            operationID: operationID, statusCode: response.statusCode, headers: response.headers,
            body: try? JSONCoding.makeDecoder().decode(type, from: response.body),
            rawBody: response.body)
    }

    /// The error for a status code the operation does not document.
    public func unexpectedStatus(_ response: HTTPResponse, operationID: String) -> UnexpectedStatusError {
        UnexpectedStatusError(
            operationID: operationID, statusCode: response.statusCode, headers: response.headers,
            body: response.body)
    }
}
