// SPDX-License-Identifier: Apache-2.0
//
// OpenSSL behind the keystore's small crypto interface (see keystore_crypto.hpp).
// Every OpenSSL call is checked; a context is freed on every path; buffers
// that held key or plaintext bytes are cleansed before they are released.

#include "keystore_crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace influxctl::keystore {
namespace {

constexpr std::uint64_t kMinN = std::uint64_t{1} << 10;
constexpr std::uint64_t kMaxN = std::uint64_t{1} << 20;
constexpr std::uint64_t kMaxMemory = std::uint64_t{1} << 30;
// OpenSSL counts in int; a token, or its metadata, is never near this.
constexpr std::size_t kMaxMessage = std::size_t{16} * 1024 * 1024;

struct ContextDeleter {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, ContextDeleter>;

// A cipher context set up for AES-256-GCM under `key` with `nonce`.
CipherContext StartGcm(const Key& key, std::string_view nonce, bool encrypt) {
  CipherContext context(EVP_CIPHER_CTX_new());
  if (!context) {
    return nullptr;
  }
  auto init = encrypt ? &EVP_EncryptInit_ex : &EVP_DecryptInit_ex;
  if (init(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                          nullptr) != 1 ||
      init(context.get(), nullptr, nullptr, key.data(),
           reinterpret_cast<const unsigned char*>(nonce.data())) != 1) {
    return nullptr;
  }
  return context;
}

// Feeds associated data into a started context (the same call both ways).
bool AddAssociatedData(EVP_CIPHER_CTX* context, std::string_view data, bool encrypt) {
  if (data.empty()) {
    return true;
  }
  int written = 0;
  auto update = encrypt ? &EVP_EncryptUpdate : &EVP_DecryptUpdate;
  return update(context, nullptr, &written, reinterpret_cast<const unsigned char*>(data.data()),
                static_cast<int>(data.size())) == 1;
}

bool IsBase64Letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

}  // namespace

Key::~Key() {
  OPENSSL_cleanse(bytes_.data(), bytes_.size());
}

std::string CheckScryptParams(const ScryptParams& params) {
  if (params.n < kMinN || params.n > kMaxN || (params.n & (params.n - 1)) != 0) {
    return "scrypt n must be a power of two from 1024 to 1048576";
  }
  if (params.r < 1 || params.r > 32) {
    return "scrypt r must be from 1 to 32";
  }
  if (params.p < 1 || params.p > 16) {
    return "scrypt p must be from 1 to 16";
  }
  if (128 * params.r * params.n > kMaxMemory) {
    return "scrypt n and r together ask for more than 1 GiB of memory";
  }
  if (params.salt.size() < kSaltSize || params.salt.size() > 64) {
    return "the salt must be 16 to 64 bytes";
  }
  return "";
}

Result<std::string> RandomBytes(std::size_t size) {
  std::string bytes(size, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(size)) != 1) {
    return Error::Output("the system's random number generator failed (OpenSSL RAND_bytes)");
  }
  return bytes;
}

Status DeriveKey(const Secret& passphrase, const ScryptParams& params, Key& key) {
  if (std::string problem = CheckScryptParams(params); !problem.empty()) {
    return Error::Output("cannot derive the keystore key: " + problem);
  }
  // OpenSSL refuses to use more memory than maxmem; give it what these
  // parameters need (V: 128·r·(N+2) bytes, B: 128·r·p bytes) and no more.
  std::uint64_t memory = 128 * params.r * (params.n + 2) + 128 * params.r * params.p;
  const std::string& secret = passphrase.Reveal();
  if (EVP_PBE_scrypt(secret.data(), secret.size(),
                     reinterpret_cast<const unsigned char*>(params.salt.data()), params.salt.size(),
                     params.n, params.r, params.p, memory, key.data(), kKeySize) != 1) {
    return Error::Output("cannot derive the keystore key: OpenSSL's scrypt failed (N=" +
                         std::to_string(params.n) + ", r=" + std::to_string(params.r) +
                         ", p=" + std::to_string(params.p) + "); is the machine out of memory?");
  }
  return Status::Ok();
}

Result<SealedBox> Seal(const Key& key,
                       std::string_view plaintext,
                       std::string_view associated_data) {
  if (plaintext.size() > kMaxMessage || associated_data.size() > kMaxMessage) {
    return Error::Output("refusing to encrypt more than 16 MiB as one keystore entry");
  }
  Result<std::string> nonce = RandomBytes(kNonceSize);
  if (!nonce.ok()) {
    return nonce.error();
  }
  SealedBox box;
  box.nonce = std::move(nonce).value();
  box.ciphertext.assign(plaintext.size(), '\0');
  box.tag.assign(kTagSize, '\0');

  CipherContext context = StartGcm(key, box.nonce, /*encrypt=*/true);
  int written = 0;
  int final_written = 0;
  bool ok = context && AddAssociatedData(context.get(), associated_data, true);
  if (ok && !plaintext.empty()) {
    ok = EVP_EncryptUpdate(context.get(), reinterpret_cast<unsigned char*>(box.ciphertext.data()),
                           &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
                           static_cast<int>(plaintext.size())) == 1;
  }
  // GCM is a stream mode: Final writes nothing, but it completes the tag.
  ok = ok &&
       EVP_EncryptFinal_ex(context.get(),
                           reinterpret_cast<unsigned char*>(box.ciphertext.data()) + written,
                           &final_written) == 1 &&
       EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize),
                           box.tag.data()) == 1 &&
       static_cast<std::size_t>(written) + static_cast<std::size_t>(final_written) ==
           plaintext.size();
  if (!ok) {
    return Error::Output("AES-256-GCM encryption failed inside OpenSSL");
  }
  return box;
}

std::optional<Secret> Open(const Key& key, const SealedBox& box, std::string_view associated_data) {
  if (box.nonce.size() != kNonceSize || box.tag.size() != kTagSize ||
      box.ciphertext.size() > kMaxMessage || associated_data.size() > kMaxMessage) {
    return std::nullopt;
  }
  std::string plaintext(box.ciphertext.size(), '\0');
  char* out = plaintext.data();

  CipherContext context = StartGcm(key, box.nonce, /*encrypt=*/false);
  int written = 0;
  int final_written = 0;
  bool ok = context && AddAssociatedData(context.get(), associated_data, false);
  if (ok && !box.ciphertext.empty()) {
    ok = EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char*>(out), &written,
                           reinterpret_cast<const unsigned char*>(box.ciphertext.data()),
                           static_cast<int>(box.ciphertext.size())) == 1;
  }
  std::string tag = box.tag;  // OpenSSL's ctrl takes a non-const pointer
  ok = ok &&
       EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize),
                           tag.data()) == 1 &&
       EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(out) + written,
                           &final_written) == 1 &&
       static_cast<std::size_t>(written) + static_cast<std::size_t>(final_written) ==
           box.ciphertext.size();
  if (!ok) {
    // Unauthenticated bytes are no one's business, but they may be a secret.
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return std::nullopt;
  }
  return Secret(std::move(plaintext));
}

std::string EncodeBase64(std::string_view bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                               reinterpret_cast<const unsigned char*>(bytes.data()),
                               static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(length));
  return text;
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  // OpenSSL's decoder skips white space and counts padding as zero bytes:
  // check the exact shape first, then take the padding off the length.
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  for (std::size_t i = 0; i + padding < text.size(); ++i) {
    if (!IsBase64Letter(text[i])) {
      return std::nullopt;
    }
  }
  std::string bytes(text.size() / 4 * 3, '\0');
  if (text.empty()) {
    return bytes;
  }
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                               reinterpret_cast<const unsigned char*>(text.data()),
                               static_cast<int>(text.size()));
  if (length < 0 || static_cast<std::size_t>(length) != bytes.size()) {
    return std::nullopt;
  }
  bytes.resize(bytes.size() - padding);
  return bytes;
}

}  // namespace influxctl::keystore
