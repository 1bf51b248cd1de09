// SPDX-License-Identifier: Apache-2.0
//
// The gRPC ManagementTokens service (see grpc_server.hpp), on grpc++'s
// synchronous server. Each call runs the same steps as a REST call: fault
// plan, authentication, account check, the store, then the call's record,
// whose body is the request in protobuf JSON with secrets redacted.

#include "emulator/grpc_server.hpp"

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "management.grpc.pb.h"

namespace influxctl::emulator {
namespace {

namespace v1 = influxctl::management::v1;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const char* CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  const auto index = static_cast<std::size_t>(code);
  return index < std::size(kNames) ? kNames[index] : "UNKNOWN";
}

void SetTimestamp(const Instant& instant, google::protobuf::Timestamp* out) {
  out->set_seconds(instant.seconds);
  out->set_nanos(instant.nanos);
}

void FillToken(const StoredToken& token, v1::ManagementToken* out) {
  out->set_id(token.id);
  out->set_account_id(token.account_id);
  out->set_token_prefix(token.token_prefix);
  if (token.expires_at) {
    SetTimestamp(*token.expires_at, out->mutable_expires_at());
  }
  if (token.revoked_at) {
    SetTimestamp(*token.revoked_at, out->mutable_revoked_at());
  }
  SetTimestamp(token.created_at, out->mutable_created_at());
  out->set_description(token.description.value_or(""));
  out->set_created_by(token.created_by);
}

}  // namespace

class ManagementTokensService final : public v1::ManagementTokens::Service {
 public:
  explicit ManagementTokensService(EmulatorState& state) : state_(state) {}

  grpc::Status CreateManagementToken(grpc::ServerContext* context,
                                     const v1::CreateManagementTokenRequest* request,
                                     v1::CreateManagementTokenResponse* response) override {
    return Serve(context, "CreateManagementToken", *request, request->idempotency_key(),
                 request->account_id(), [&](const std::string& created_by) {
                   return Create(*request, created_by, response);
                 });
  }

  grpc::Status ListManagementTokens(grpc::ServerContext* context,
                                    const v1::ListManagementTokensRequest* request,
                                    v1::ListManagementTokensResponse* response) override {
    return Serve(context, "ListManagementTokens", *request, "", request->account_id(),
                 [&](const std::string&) {
                   for (const StoredToken& token : state_.store().List(state_.account_id())) {
                     FillToken(token, response->add_tokens());
                   }
                   return grpc::Status::OK;
                 });
  }

  grpc::Status RevokeManagementToken(grpc::ServerContext* context,
                                     const v1::RevokeManagementTokenRequest* request,
                                     v1::RevokeManagementTokenResponse* response) override {
    return Serve(context, "RevokeManagementToken", *request, "", request->account_id(),
                 [&](const std::string&) { return Revoke(*request, response); });
  }

 private:
  // The steps every call shares; `carry_out` does the call's own work.
  template <typename Request, typename Work>
  grpc::Status Serve(grpc::ServerContext* context,
                     const char* rpc,
                     const Request& request,
                     const std::string& idempotency_key,
                     const std::string& account_id,
                     Work carry_out) {
    const auto& metadata = context->client_metadata();
    const auto authorization = metadata.find("authorization");
    const bool has_authorization = authorization != metadata.end();
    const std::optional<std::string> created_by =
        has_authorization ? state_.Authenticate(std::string(authorization->second.data(),
                                                            authorization->second.size()))
                          : std::nullopt;

    // Fault plan: delay, then fail before the call or close after it.
    const FaultDecision fault = state_.faults().Next(Protocol::kGrpc);
    if (fault.delay.count() > 0 && !state_.Delay(fault.delay)) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the emulator is shutting down");
    }

    grpc::Status status;
    if (fault.action == FaultAction::kFail) {
      status = grpc::Status(GrpcCodeForHttpStatus(fault.http_status),
                            "injected fault: failing this call on purpose");
    } else if (!created_by) {
      status = grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                            has_authorization ? "the bearer credential is not accepted"
                                              : "missing authorization: Bearer <token> metadata");
    } else if (state_.config().dedicated() && account_id != state_.account_id()) {
      status =
          grpc::Status(grpc::StatusCode::NOT_FOUND, "account \"" + account_id + "\" not found");
    } else {
      status = carry_out(*created_by);
    }

    // Record, then lose the answer if the plan says so.
    std::string body;
    (void)google::protobuf::util::MessageToJsonString(request, &body);
    RequestRecord record;
    record.protocol = "grpc";
    record.method = "POST";
    record.target = std::string("/influxctl.management.v1.ManagementTokens/") + rpc;
    record.authorization_present = has_authorization;
    record.idempotency_key = state_.Redact(idempotency_key);
    record.body = state_.Redact(body);
    record.status = CodeName(status.error_code());
    record.fault = fault.action == FaultAction::kFail    ? "fail"
                   : fault.action == FaultAction::kClose ? "close"
                                                         : "";
    state_.Record(std::move(record));
    if (fault.action == FaultAction::kClose) {
      context->TryCancel();
    }
    return status;
  }

  grpc::Status Create(const v1::CreateManagementTokenRequest& request,
                      const std::string& created_by,
                      v1::CreateManagementTokenResponse* response) {
    // Validate before minting anything.
    CreateRequest create;
    if (request.has_description()) {
      create.description = request.description();
    }
    if (request.has_expires_at()) {
      const Instant expires{request.expires_at().seconds(), request.expires_at().nanos()};
      if (!IsRepresentable(expires)) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "expires_at is not a valid timestamp");
      }
      if (expires <= Now()) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "expires_at must be in the future, got " + FormatRfc3339(expires));
      }
      create.expires_at = expires;
    }
    if (request.idempotency_key().size() > 255) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "idempotency_key is longer than 255 characters");
    }

    // Mint, or replay what the idempotency key minted before.
    create.account_id = state_.account_id();
    create.idempotency_key = request.idempotency_key();
    create.created_by = created_by;
    create.protocol = "grpc";
    const CreateResult result = state_.store().Create(create);
    if (result.outcome == CreateOutcome::kKeyReused) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "idempotency_key \"" + request.idempotency_key() +
                              "\" was already used with a different request");
    }
    FillToken(result.token, response->mutable_token());
    response->set_access_token(result.access_token);
    return grpc::Status::OK;
  }

  grpc::Status Revoke(const v1::RevokeManagementTokenRequest& request,
                      v1::RevokeManagementTokenResponse* response) {
    const RevokeResult result = state_.store().Revoke(state_.account_id(), request.token_id());
    switch (result.outcome) {
      case RevokeOutcome::kRevoked:
        FillToken(result.token, response->mutable_token());
        return grpc::Status::OK;
      case RevokeOutcome::kAlreadyRevoked:
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                            "management token " + request.token_id() + " is already revoked");
      case RevokeOutcome::kNotFound:
        break;
    }
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "management token " + request.token_id() + " not found");
  }

  EmulatorState& state_;
};

GrpcServer::GrpcServer(EmulatorState& state) : state_(state) {}

GrpcServer::~GrpcServer() {
  Stop();
}

void GrpcServer::Start() {
  const EmulatorConfig& config = state_.config();

  // TLS when configured; client certificates required with --tls-client-ca.
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (config.tls()) {
    grpc::SslServerCredentialsOptions options(
        config.tls_client_ca.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                     : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    options.pem_key_cert_pairs.push_back({ReadFile(config.tls_key), ReadFile(config.tls_cert)});
    if (!config.tls_client_ca.empty()) {
      options.pem_root_certs = ReadFile(config.tls_client_ca);
    }
    credentials = grpc::SslServerCredentials(options);
  }

  service_ = std::make_unique<ManagementTokensService>(state_);
  grpc::ServerBuilder builder;
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);  // a taken port must fail
  builder.AddListeningPort(config.grpc_listen.ToString(), credentials, &port_);
  builder.RegisterService(service_.get());
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    server_.reset();
    throw std::runtime_error("cannot listen for gRPC on " + config.grpc_listen.ToString());
  }
}

void GrpcServer::Stop() {
  if (server_) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
    server_->Wait();
    server_.reset();
  }
}

}  // namespace influxctl::emulator
