import Foundation
import OpenAPIGenRuntime
import PetStoreAPI

// Uses the SDK the build plugin generated from Sources/PetStoreAPI/openapi.yaml.
let pet = Pet(id: 7, name: "Rex", kind: .dog, bornAt: RFC3339.date(from: "2020-05-01T12:00:00Z"))
let json = String(decoding: try JSONCoding.makeEncoder().encode(pet), as: UTF8.self)
print(json)
let client = PetStoreClient(serverURL: URL(string: "http://127.0.0.1:1")!)
_ = client
let decoded = try JSONCoding.makeDecoder().decode(Pet.self, from: Data(#"{"id":1,"name":"Tom","kind":"lizard"}"#.utf8))
print("\(decoded.name) is a \(decoded.kind?.rawValue ?? "pet")")
