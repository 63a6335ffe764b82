#include "registry_actions.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <system_error>
#include <vector>

#include "disposal/v1/eligibility.grpc.pb.h"
#include "import_progress.h"
#include "interrupt_notice.h"
#include "message_file.h"
#include "registry_view.h"
#include "request_id.h"
#include "service_rpc.h"

namespace disposalctl {
namespace {

using disposal::v1::ImportRegistryChunk;
using disposal::v1::ImportRegistryResponse;
using disposal::v1::RegistryService;

// Must match the server's limit (ApplyRegistryChangesRequest: 1..1000 changes).
constexpr int kChangesPerCallMax = 1000;

// The file to stream, and its size when it has one (a regular file; not stdin or a pipe).
struct ImportSource {
  std::string name;
  std::ifstream file;
  std::istream* in = nullptr;
  std::int64_t total = -1;
};

Status OpenImportSource(const std::string& path, ImportSource* source) {
  if (path == "-") {
    source->name = "stdin";
    source->in = &std::cin;
    return Status::Ok();
  }
  source->name = path;
  source->file.open(path, std::ios::binary);
  if (!source->file) {
    return Status::InvalidInput(path + ": cannot open: " + std::strerror(errno));
  }
  source->in = &source->file;
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error) source->total = static_cast<std::int64_t>(size);
  if (source->total == 0) return Status::InvalidInput(path + ": the file is empty");
  return Status::Ok();
}

// SHA-256 of what was read, as it is read.
class InputDigest {
 public:
  InputDigest() : context_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(context_, EVP_sha256(), nullptr); }
  ~InputDigest() { EVP_MD_CTX_free(context_); }
  InputDigest(const InputDigest&) = delete;
  InputDigest& operator=(const InputDigest&) = delete;

  void Add(const char* data, std::size_t size) { EVP_DigestUpdate(context_, data, size); }
  // Lower-case hex; call once.
  std::string Hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_, digest, &length);
    static const char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
      hex += kDigits[digest[i] >> 4];
      hex += kDigits[digest[i] & 0xF];
    }
    return hex;
  }

 private:
  EVP_MD_CTX* context_;
};

// InvalidInput unless `expected` (when given) is what was read: checked before the chunk that
// lets the server apply the file is sent.
Status CheckExpectedDigest(const ImportSource& source, const std::string& expected,
                           InputDigest* digest) {
  if (expected.empty()) return Status::Ok();
  const std::string read = digest->Hex();
  if (read == expected) return Status::Ok();
  return Status::InvalidInput(source.name + ": its SHA-256 is " + read + ", not " + expected +
                              " (--expect-sha256): the input was cut short or is another file; "
                              "the upload was cancelled and nothing was applied");
}

// Sends `source` in chunks of `chunk_bytes`. Stops early, with *stream_open false, when the
// server has ended the call (its status then says why). A read error, or input that is not
// `expected_sha256` (when given), fails the command before the last chunk is sent.
Status SendChunks(ImportSource* source, int chunk_bytes, const std::string& expected_sha256,
                  grpc::ClientWriter<ImportRegistryChunk>* writer, UploadProgress* progress,
                  std::int64_t* sent, bool* stream_open) {
  std::vector<char> buffer(static_cast<std::size_t>(chunk_bytes));
  ImportRegistryChunk chunk;
  InputDigest digest;
  *stream_open = true;
  while (source->in->read(buffer.data(), chunk_bytes) || source->in->gcount() > 0) {
    const std::streamsize count = source->in->gcount();
    digest.Add(buffer.data(), static_cast<std::size_t>(count));
    chunk.set_data(buffer.data(), static_cast<std::size_t>(count));
    if (!writer->Write(chunk)) {
      *stream_open = false;
      return Status::Ok();
    }
    *sent += count;
    progress->Update(*sent);
  }
  if (source->in->bad()) {
    return Status::InvalidInput(source->name + ": read failed: " + std::strerror(errno));
  }
  Status expected = CheckExpectedDigest(*source, expected_sha256, &digest);
  if (!expected.ok()) return expected;
  // The whole file is sent: only now may the server apply it.
  ImportRegistryChunk end;
  end.set_last(true);
  if (!writer->Write(end)) *stream_open = false;
  return Status::Ok();
}

// After these failures the server may have gone on to apply the import.
bool OutcomeMayBeApplied(grpc::StatusCode code) {
  return code == grpc::StatusCode::DEADLINE_EXCEEDED || code == grpc::StatusCode::UNAVAILABLE ||
         code == grpc::StatusCode::CANCELLED || code == grpc::StatusCode::UNKNOWN ||
         code == grpc::StatusCode::INTERNAL;
}

// Runs the client stream. A read error cancels the call: ending the stream normally would
// let the server apply a truncated file.
Status StreamImport(const RpcSettings& settings, int chunk_bytes,
                    const std::string& expected_sha256, ImportSource* source,
                    ImportRegistryResponse* response) {
  std::unique_ptr<RegistryService::Stub> stub = RegistryService::NewStub(NewChannel(settings));
  grpc::ClientContext context;
  PrepareContext(settings, &context);
  std::unique_ptr<grpc::ClientWriter<ImportRegistryChunk>> writer =
      stub->ImportRegistry(&context, response);
  UploadProgress progress(std::cerr, isatty(STDERR_FILENO) == 1, source->total);
  std::int64_t sent = 0;
  bool stream_open = true;
  Status read = SendChunks(source, chunk_bytes, expected_sha256, writer.get(), &progress, &sent,
                           &stream_open);
  if (!read.ok()) {
    context.TryCancel();
    writer->Finish();
    progress.Finish(sent);
    return read;
  }
  if (stream_open) writer->WritesDone();
  grpc::Status status = writer->Finish();
  progress.Finish(sent);
  if (status.ok()) return Status::Ok();
  const Status failed = RpcFailure(status, settings);
  // The whole file went: the server may have applied it (it goes on after the client's
  // deadline, and an index catch-up that fails comes after the commit). An import has no
  // request id, so a rerun would apply it again as a new version: say how to find out first.
  if (stream_open && OutcomeMayBeApplied(status.error_code())) {
    return Status::RpcFailed(
        failed.code_name(),
        failed.message() +
            "; the whole file was sent, so it may have been applied: look for it with "
            "`disposalctl audit history --registry --kind ImportRegistry`. Importing it again "
            "is safe (its rows set entries) but makes another registry version");
  }
  return failed;
}

Status ReadApplyRequest(const ApplyRegistryOptions& options,
                        disposal::v1::ApplyRegistryChangesRequest* request) {
  Status status = LoadMessageFile(options.file, "request", request);
  if (!status.ok()) return status;
  if (request->changes().empty()) {
    return Status::InvalidInput(options.file + ": no changes (request.changes is empty)");
  }
  if (request->changes_size() > kChangesPerCallMax) {
    return Status::InvalidInput(options.file + ": " + std::to_string(request->changes_size()) +
                                " changes; at most 1000 per call (use `registry import` for "
                                "bulk loads)");
  }
  const std::string& in_file = request->request_id();
  if (!options.request_id.empty() && !in_file.empty() && in_file != options.request_id) {
    return Status::InvalidInput(options.file + " says request_id " + in_file +
                                " but --request-id is " + options.request_id +
                                "; which one is meant?");
  }
  const std::string given = options.request_id.empty() ? in_file : options.request_id;
  return ChooseRequestId(given, request->mutable_request_id());
}

}  // namespace

Status ImportRegistry(const GlobalOptions& global, const ImportRegistryOptions& options) {
  if (options.chunk_bytes < 1 || options.chunk_bytes > kImportChunkBytesMax) {
    return Status::InvalidInput("--chunk-bytes must be 1..1048576");
  }
  // Either case: sha256sum prints lower case, some tools upper.
  std::string expected = options.expect_sha256;
  for (char& c : expected) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!expected.empty() && (expected.size() != 64 ||
                            expected.find_first_not_of("0123456789abcdef") != std::string::npos)) {
    return Status::InvalidInput("--expect-sha256 must be 64 hex digits (as sha256sum prints them)");
  }
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  ImportSource source;
  status = OpenImportSource(options.file, &source);
  if (!status.ok()) return status;
  ImportRegistryResponse response;
  {
    const ChangeInFlight in_flight(RegistryImportInterruptNotice(source.name));
    status = StreamImport(global.rpc, options.chunk_bytes, expected, &source, &response);
  }
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) {
    status = PrintMessageJson(response, std::cout);
    if (!status.ok()) return status;
  } else {
    PrintImportResponse(response, std::cout);
  }
  if (response.applied()) return Status::Ok();
  const int listed = response.errors_size();
  const std::string rows = std::to_string(listed) + (listed == 1 ? " row" : " rows");
  return Status::RpcFailed("INVALID_ARGUMENT", source.name + ": the import was rejected (" + rows +
                                                   " listed); nothing was applied");
}

Status ApplyRegistryChanges(const GlobalOptions& global, const ApplyRegistryOptions& options) {
  disposal::v1::ApplyRegistryChangesRequest request;
  Status status = ReadApplyRequest(options, &request);
  if (!status.ok()) return status;
  if (options.dry_run) return PrintMessageJson(request, std::cout);
  status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::ApplyRegistryChangesResponse response;
  status = WhileInFlight(request.request_id(), [&] {
    return ServiceRpc<RegistryService>(global.rpc)
        .Call(&RegistryService::Stub::ApplyRegistryChanges, request, &response);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  if (global.output == OutputFormat::kJson) return PrintMessageJson(response, std::cout);
  std::cout << "applied " << request.changes_size()
            << (request.changes_size() == 1 ? " change" : " changes") << ", registry version "
            << response.registry_version() << '\n';
  return Status::Ok();
}

Status ShowRegistryParty(const GlobalOptions& global, const ShowRegistryOptions& options) {
  disposal::v1::GetRegistryPartyRequest request;
  if (!options.national_id.empty()) {
    request.set_national_id(options.national_id);
  } else if (!options.credit_code.empty()) {
    request.set_credit_code(options.credit_code);
  } else {
    return Status::InvalidInput("give --person NATIONAL_ID or --organization CREDIT_CODE");
  }
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::RegistryParty party;
  status = ServiceRpc<RegistryService>(global.rpc)
               .Call(&RegistryService::Stub::GetRegistryParty, request, &party);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(party, std::cout);
  PrintRegistryParty(party, std::cout);
  return Status::Ok();
}

}  // namespace disposalctl
