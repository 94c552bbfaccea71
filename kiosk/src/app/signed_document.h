// Opens a document signed as CMS SignedData with the document inside (`openssl cms -sign -nodetach -binary
// -outform DER`): the signature must verify and the signer's certificate must chain to the keyring, the same
// keyring (update.keyring) that vouches for RAUC bundles. Used for pushed site configurations.
#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>

namespace hk::kiosk {

// Larger than any site configuration; a bigger file is refused unread.
inline constexpr std::size_t kMaxSignedDocumentBytes = 1 << 20;

// The signed content, or why the file is refused (unreadable, not CMS, bad signature, unknown signer).
std::expected<std::string, std::string> open_signed_document(const std::filesystem::path& file,
                                                             const std::filesystem::path& keyring);

}  // namespace hk::kiosk
