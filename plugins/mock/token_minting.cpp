// SPDX-License-Identifier: Apache-2.0
//
// The generator behind the mock's ids and secrets: splitmix64, started from a
// well-mixed function of (seed, sequence, purpose). Ids and secrets use
// different purposes so that one is not simply the other's first bytes. Only
// the written-out algorithm decides the output, never the platform's random
// number facilities, so tokens are the same everywhere.

#include "token_minting.hpp"

#include <array>

namespace influxctl::mock {
namespace {

constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

// Separates the streams of ids and secrets minted for the same (seed, sequence).
constexpr std::uint64_t kIdPurpose = 0x1d1d1d1d1d1d1d1dULL;
constexpr std::uint64_t kSecretPurpose = 0x5ec5ec5ec5ec5ec5ULL;

constexpr std::string_view kSecretHeader = "M.V1.";
constexpr std::size_t kSecretBodyLength = 86;  // as long as base64 of 64 bytes, unpadded
constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kHexDigits = "0123456789abcdef";

// splitmix64's finaliser: every input bit affects every output bit.
constexpr std::uint64_t Mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Stream {
 public:
  // Mixing the sequence on its own first keeps the streams of neighbouring
  // sequences from being shifted copies of each other.
  Stream(std::uint64_t seed, std::uint64_t sequence, std::uint64_t purpose)
      : state_(Mix(Mix(seed ^ purpose) + Mix(sequence + kGoldenGamma))) {}

  std::uint64_t Next() {
    state_ += kGoldenGamma;
    return Mix(state_);
  }

 private:
  std::uint64_t state_;
};

}  // namespace

std::string MintTokenId(std::uint64_t seed, std::uint64_t sequence) {
  Stream stream(seed, sequence, kIdPurpose);
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t half = 0; half < 2; ++half) {
    std::uint64_t word = stream.Next();
    for (std::size_t i = 0; i < 8; ++i) {
      bytes[half * 8 + i] = static_cast<std::uint8_t>(word >> (8 * i));
    }
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant

  std::string id;
  id.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      id += '-';
    }
    id += kHexDigits[bytes[i] >> 4];
    id += kHexDigits[bytes[i] & 0x0f];
  }
  return id;
}

Secret MintTokenSecret(std::uint64_t seed, std::uint64_t sequence) {
  Stream stream(seed, sequence, kSecretPurpose);
  std::string secret;
  secret.reserve(kSecretHeader.size() + kSecretBodyLength);
  secret += kSecretHeader;

  // Ten 6-bit characters from each 64-bit word; the top 4 bits are dropped.
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < kSecretBodyLength; ++i) {
    if (i % 10 == 0) {
      word = stream.Next();
    }
    secret += kBase64Alphabet[word & 63];
    word >>= 6;
  }
  return Secret(std::move(secret));
}

std::string TokenPrefix(const Secret& secret) {
  return secret.Reveal().substr(0, kTokenPrefixLength);
}

}  // namespace influxctl::mock
