import DecodingOurs
import DecodingPeer

// The decoded types, by generator. Both modules come from the same trimmed spec
// (Decoding/fixtures.py spec); their names follow each generator's naming.
typealias OursCustomerList = DecodingOurs.CustomerList
typealias PeerCustomerList = DecodingPeer.Components.Schemas.customer_list
typealias OursChatCompletion = DecodingOurs.CreateChatCompletionResponse
typealias PeerChatCompletion = DecodingPeer.Components.Schemas.CreateChatCompletionResponse
