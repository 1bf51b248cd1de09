// SPDX-License-Identifier: Apache-2.0
//
// The keystore's cryptography, all of it from OpenSSL's libcrypto: random
// bytes, the scrypt key derivation, AES-256-GCM with associated data, and
// base64. Nothing here is a primitive of its own. Keys live in Key, whose
// memory is wiped when it goes; decrypted bytes come back only as a Secret.
// Pure functions; safe from any thread.

#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>

namespace influxctl::keystore {

inline constexpr std::size_t kKeySize = 32;    // AES-256
inline constexpr std::size_t kNonceSize = 12;  // 96-bit GCM nonce
inline constexpr std::size_t kTagSize = 16;    // 128-bit GCM tag
inline constexpr std::size_t kSaltSize = 16;

// scrypt's parameters, as a keystore file records them.
struct ScryptParams {
  std::uint64_t n = 0;  // a power of two
  std::uint64_t r = 0;
  std::uint64_t p = 0;
  std::string salt;  // raw bytes

  bool operator==(const ScryptParams&) const = default;
};

// Whether a file's parameters are within what this code agrees to run: a
// power-of-two N from 2^10 to 2^20, r from 1 to 32, p from 1 to 16, at most
// 1 GiB of memory, a salt of 16 to 64 bytes. Empty when they are; else why not.
std::string CheckScryptParams(const ScryptParams& params);

// A 256-bit key, wiped when destroyed.
class Key {
 public:
  Key() = default;
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;
  ~Key();

  unsigned char* data() { return bytes_.data(); }
  const unsigned char* data() const { return bytes_.data(); }

 private:
  std::array<unsigned char, kKeySize> bytes_{};
};

// `size` bytes from OpenSSL's CSPRNG.
Result<std::string> RandomBytes(std::size_t size);

// scrypt(passphrase, salt, N, r, p) into `key`. Errors are output errors.
Status DeriveKey(const Secret& passphrase, const ScryptParams& params, Key& key);

// One AES-256-GCM message: raw bytes.
struct SealedBox {
  std::string nonce;  // kNonceSize bytes, fresh and random for every message
  std::string ciphertext;
  std::string tag;  // kTagSize bytes

  bool operator==(const SealedBox&) const = default;
};

// Encrypts `plaintext` under `key` with a fresh random nonce, authenticating
// `associated_data` with it.
Result<SealedBox> Seal(const Key& key,
                       std::string_view plaintext,
                       std::string_view associated_data);

// The plaintext, or nullopt when the box does not authenticate under `key`
// and `associated_data` (wrong key, or any byte of the box or data altered).
std::optional<Secret> Open(const Key& key, const SealedBox& box, std::string_view associated_data);

// Standard base64 with padding, no line breaks.
std::string EncodeBase64(std::string_view bytes);
// nullopt unless `text` is exactly standard padded base64.
std::optional<std::string> DecodeBase64(std::string_view text);

}  // namespace influxctl::keystore
