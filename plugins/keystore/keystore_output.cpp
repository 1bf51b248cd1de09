// SPDX-License-Identifier: Apache-2.0
//
// The keystore output's preflight and delivery (see keystore_output.hpp).

#include "keystore_output.hpp"

#include "keystore_file.hpp"
#include "keystore_format.hpp"

namespace influxctl::keystore {
namespace {

std::string Quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string DescribeKdf(const ScryptParams& params) {
  return "scrypt N=2^" + std::to_string(KdfCost(params)) + " r=" + std::to_string(params.r) +
         " p=" + std::to_string(params.p);
}

}  // namespace

std::string KeystoreOutput::Target() const {
  return options_.path + " (entry " + Quoted(options_.entry) + ")";
}

Result<const Secret*> KeystoreOutput::Passphrase() {
  if (!passphrase_) {
    Result<Secret> read = ReadPassphrase(options_.passphrase);
    if (!read.ok()) {
      return read.error();
    }
    passphrase_ = std::move(read).value();
    if (PassphraseFileIsShared(options_.passphrase)) {
      log_.Warning("keystore passphrase " + options_.passphrase.Describe() +
                   " can be read by other users; chmod 600 it");
    }
  }
  return &*passphrase_;
}

Result<std::optional<UnlockedKeystore>> KeystoreOutput::OpenExisting(const Secret& passphrase) {
  Result<std::optional<std::string>> text = ReadKeystoreFile(options_.path);
  if (!text.ok()) {
    return text.error();
  }
  if (!text.value() || IsBlankKeystore(*text.value())) {
    return std::optional<UnlockedKeystore>();
  }
  Result<KeystoreDocument> document = ParseKeystore(*text.value(), options_.path);
  if (!document.ok()) {
    return document.error();
  }
  Result<UnlockedKeystore> keystore =
      UnlockedKeystore::Unlock(std::move(document).value(), passphrase,
                               options_.passphrase.Describe(), keys_, options_.path);
  if (!keystore.ok()) {
    return keystore.error();
  }
  // A file with an altered entry is not written to: a rewrite would carry
  // the damage on as if this run had vouched for it.
  Status verified = keystore.value().VerifyEntries();
  if (!verified.ok()) {
    return verified.error();
  }
  return std::optional<UnlockedKeystore>(std::move(keystore).value());
}

Status KeystoreOutput::Preflight() {
  Result<const Secret*> passphrase = Passphrase();
  if (!passphrase.ok()) {
    return passphrase.error();
  }
  Status writable = CheckKeystoreWritable(options_.path);
  if (!writable.ok()) {
    return writable;
  }

  Result<std::optional<UnlockedKeystore>> keystore = OpenExisting(*passphrase.value());
  if (!keystore.ok()) {
    return keystore.error();
  }
  if (!keystore.value()) {
    log_.Debug("keystore " + options_.path + " holds nothing yet; delivery writes it (scrypt N=2^" +
               std::to_string(options_.kdf_cost) + ")");
    return Status::Ok();
  }
  const UnlockedKeystore& open = *keystore.value();
  if (open.Has(options_.entry) && !options_.overwrite) {
    const EntryMetadata& held = open.document().entries.find(options_.entry)->second.metadata;
    return Error::Output("keystore " + options_.path + " already holds entry " +
                         Quoted(options_.entry) + " (token " + held.token_id + ", stored " +
                         held.stored_at +
                         "); set overwrite = true to replace it, or choose another entry name");
  }
  log_.Debug("keystore " + options_.path +
             " opened: " + std::to_string(open.document().entries.size()) + " entries, " +
             DescribeKdf(open.document().kdf) + "; entry " + Quoted(options_.entry) +
             (open.Has(options_.entry) ? " will be replaced" : " is free"));
  return Status::Ok();
}

Status KeystoreOutput::Deliver(const CreatedToken& created) {
  Result<const Secret*> passphrase = Passphrase();
  if (!passphrase.ok()) {
    return passphrase.error();
  }
  const Secret& secret_passphrase = *passphrase.value();

  // Everything from here on sees the file as no other run changes it.
  Result<FileLock> lock = LockKeystore(options_.path, options_.lock_timeout);
  if (!lock.ok()) {
    return lock.error();
  }
  Result<std::optional<UnlockedKeystore>> existing = OpenExisting(secret_passphrase);
  if (!existing.ok()) {
    return existing.error();
  }
  std::optional<UnlockedKeystore> keystore = std::move(existing).value();
  if (!keystore) {
    Result<UnlockedKeystore> made =
        UnlockedKeystore::CreateNew(secret_passphrase, options_.kdf_cost, keys_, options_.path);
    if (!made.ok()) {
      return made.error();
    }
    keystore.emplace(std::move(made).value());
  } else if (keystore->Has(options_.entry) && !options_.overwrite) {
    return Error::Output("keystore " + options_.path + " already holds entry " +
                         Quoted(options_.entry) +
                         ": another run added it after this run's preflight; set overwrite = "
                         "true to replace it, or choose another entry name");
  }

  // A file written with a cheaper key derivation than asked for now is
  // brought up to it: every entry is re-encrypted under a new salt.
  int file_cost = KdfCost(keystore->document().kdf);
  if (file_cost < options_.kdf_cost) {
    Status rekeyed = keystore->Rekey(secret_passphrase, options_.kdf_cost, keys_);
    if (!rekeyed.ok()) {
      return rekeyed;
    }
    log_.Info("keystore " + options_.path + ": raised scrypt cost from N=2^" +
              std::to_string(file_cost) + " to N=2^" + std::to_string(options_.kdf_cost));
  }

  Status put = keystore->Put(options_.entry, created);
  if (!put.ok()) {
    return put;
  }
  std::string text = SerializeKeystore(keystore->document());
  // Never replace a readable keystore with one this code could not read back.
  Result<KeystoreDocument> reread = ParseKeystore(text, options_.path);
  if (!reread.ok()) {
    return Error::Output("keystore " + options_.path + ": the new content did not read back (" +
                         reread.error().message() +
                         "), so the file was left as it was; this is a bug in the keystore plugin");
  }
  Status replaced = ReplaceKeystoreFile(options_.path, text);
  if (!replaced.ok()) {
    return replaced;
  }
  log_.Info("stored token " + created.token.id + " in keystore " + options_.path + " as entry " +
            Quoted(options_.entry) + " (secret " + Secret::kRedacted + ")");
  return Status::Ok();
}

}  // namespace influxctl::keystore
