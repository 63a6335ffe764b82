#include "audit_actions.h"

#include <google/protobuf/util/time_util.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cctype>
#include <functional>
#include <iostream>
#include <memory>

#include "audit_chain.h"
#include "audit_export.h"
#include "audit_view.h"
#include "disposal/v1/audit.grpc.pb.h"
#include "import_progress.h"
#include "service_rpc.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::AuditEvent;
using disposal::v1::AuditService;
using disposal::v1::ClaimHistoryPage;
using disposal::v1::StreamClaimHistoryRequest;
using disposal::v1::VerifyClaimHistoryResponse;

using AuditRpc = ServiceRpc<AuditService>;
using PageHandler = std::function<Status(const ClaimHistoryPage&)>;

std::string SubjectKind(const AuditSubjectOptions& options) {
  if (options.registry || options.registry_version != 0) return "registry";
  if (options.calendar_year != 0) return "calendar_year";
  return options.disposal ? "disposal" : options.token ? "token" : "claim";
}

// How messages name the subject: "claim <id>", "the registry", "calendar year 2027".
std::string SubjectLabel(const AuditSubjectOptions& options) {
  if (options.registry) return "the registry";
  if (options.registry_version != 0) {
    return "registry version " + std::to_string(options.registry_version);
  }
  if (options.calendar_year != 0) return "calendar year " + std::to_string(options.calendar_year);
  return SubjectKind(options) + " " + options.id;
}

disposal::v1::AuditSubject SubjectOf(const AuditSubjectOptions& options) {
  disposal::v1::AuditSubject subject;
  if (options.registry) {
    subject.set_registry(true);
  } else if (options.registry_version != 0) {
    subject.set_registry_version(options.registry_version);
  } else if (options.calendar_year != 0) {
    subject.set_calendar_year(options.calendar_year);
  } else if (options.disposal) {
    subject.set_disposal_id(options.id);
  } else if (options.token) {
    subject.set_token_id(options.id);
  } else {
    subject.set_claim_id(options.id);
  }
  return subject;
}

// The UUID, lowercase and hyphenated, of MD5(`name`) (a name, not a secret).
std::string NamedChainId(const std::string& name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(name.data(), name.size(), digest, &length, EVP_md5(), nullptr) != 1) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned int i = 0; i < length; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id.push_back('-');
    id.push_back(kHex[digest[i] >> 4]);
    id.push_back(kHex[digest[i] & 0x0f]);
  }
  return id;
}

}  // namespace

Status ValidateSubject(const AuditSubjectOptions& options) {
  const int named = (options.registry ? 1 : 0) + (options.registry_version != 0 ? 1 : 0) +
                    (options.calendar_year != 0 ? 1 : 0);
  if (named > 1) {
    return Status::InvalidInput("give one of --registry, --registry-version and --calendar-year");
  }
  if (named == 1 && (!options.id.empty() || options.disposal || options.token)) {
    return Status::InvalidInput(
        "--registry, --registry-version and --calendar-year name the chain themselves: give no "
        "id, --disposal or --token with them");
  }
  if (named == 0 && options.id.empty()) {
    return Status::InvalidInput(
        "give the claim's id (or a disposal's with --disposal, a token's with --token), or "
        "--registry, --registry-version N or --calendar-year YEAR");
  }
  return Status::Ok();
}

std::string SubjectChainId(const AuditSubjectOptions& options) {
  if (options.registry) return NamedChainId("registry");
  if (options.registry_version != 0) {
    return NamedChainId("registry:" + std::to_string(options.registry_version));
  }
  if (options.calendar_year != 0) {
    return NamedChainId("calendar_year:" + std::to_string(options.calendar_year));
  }
  return options.id;
}

namespace {

Status SetTimeRange(const AuditHistoryOptions& options, StreamClaimHistoryRequest* request) {
  if (!options.since.empty()) {
    Status status = ParseTimeText("--since", options.since, request->mutable_start_time());
    if (!status.ok()) return status;
  }
  if (!options.until.empty()) {
    Status status = ParseTimeText("--until", options.until, request->mutable_end_time());
    if (!status.ok()) return status;
  }
  if (request->has_start_time() && request->has_end_time() &&
      !(request->start_time() < request->end_time())) {
    return Status::InvalidInput("--until must be later than --since");
  }
  return Status::Ok();
}

Status BuildHistoryRequest(const AuditHistoryOptions& options, StreamClaimHistoryRequest* request) {
  if (options.kinds.size() > kHistoryKindsMax) {
    return Status::InvalidInput("--kind: at most " + std::to_string(kHistoryKindsMax) + " kinds");
  }
  *request->mutable_subject() = SubjectOf(options.subject);
  request->set_after_chain_seq(options.after_chain_seq);
  for (const std::string& kind : options.kinds) request->add_kinds(kind);
  request->set_page_size(options.page_size);
  return SetTimeRange(options, request);
}

// One StreamClaimHistory call, with the stub and context its reader needs alive.
class HistoryCall {
 public:
  HistoryCall(const RpcSettings& settings, const StreamClaimHistoryRequest& request)
      : stub_(AuditService::NewStub(NewChannel(settings))) {
    PrepareContext(settings, &context_);
    reader_ = stub_->StreamClaimHistory(&context_, request);
  }

  bool Read(ClaimHistoryPage* page) { return reader_->Read(page); }
  grpc::Status Finish() { return reader_->Finish(); }
  // Ends the call early; what was already in flight is dropped (a cancelled call still ends
  // with Finish, whose status it returns).
  grpc::Status Cancel() {
    context_.TryCancel();
    ClaimHistoryPage page;
    while (reader_->Read(&page)) page.Clear();
    return reader_->Finish();
  }

 private:
  std::unique_ptr<AuditService::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<ClaimHistoryPage>> reader_;
};

// Streams the history `request` asks for, a page at a time, into `on_page`. A failing `on_page`
// cancels the call, and its failure is the outcome.
Status StreamHistory(const RpcSettings& settings, const StreamClaimHistoryRequest& request,
                     const PageHandler& on_page) {
  HistoryCall call(settings, request);
  ClaimHistoryPage page;
  Status handled;
  while (handled.ok() && call.Read(&page)) handled = on_page(page);
  if (!handled.ok()) {
    call.Cancel();
    return handled;
  }
  grpc::Status status = call.Finish();
  return status.ok() ? Status::Ok() : RpcFailure(status, settings);
}

Status PrintEventLines(const ClaimHistoryPage& page) {
  std::string line;
  for (const AuditEvent& event : page.events()) {
    Status status = EventJsonLine(event, &line);
    if (!status.ok()) return status;
    std::cout << line << '\n';
  }
  // A script reading the lines as they come sees each page whole.
  // A reader gone (`| head -1`) or a full disk ends the stream here, not after all of it.
  if (!std::cout.flush()) return Status::OutputFailed("standard output: write failed");
  return Status::Ok();
}

// A history may hold millions of events: the table is printed in blocks of this many rows,
// each with its header, so the client's memory stays bounded.
constexpr std::int64_t kHistoryRowsPerBlock = 1000;

// `checked` wraps the handler that prints each page (ShowAuditHistory's check of each event).
Status PrintHistoryTable(const RpcSettings& settings, const StreamClaimHistoryRequest& request,
                         const std::function<PageHandler(const PageHandler&)>& checked) {
  Table table = NewHistoryTable();
  std::int64_t count = 0, in_block = 0;
  auto print_block = [&] {
    if (in_block == 0) return;
    if (count > in_block) std::cout << '\n';
    table.Print(std::cout);
    std::cout.flush();
    table = NewHistoryTable();
    in_block = 0;
  };
  const Status streamed =
      StreamHistory(settings, request, checked([&](const ClaimHistoryPage& page) {
                      for (const AuditEvent& event : page.events()) {
                        AddHistoryRow(event, &table);
                        ++count;
                        if (++in_block == kHistoryRowsPerBlock) print_block();
                      }
                      if (!std::cout) return Status::OutputFailed("standard output: write failed");
                      return Status::Ok();
                    }));
  // What arrived is printed even when the stream failed part way: those events stand.
  print_block();
  if (count == 0 && streamed.ok()) std::cout << "no events\n";
  return streamed;
}

// A broken chain is a finding about the history, not about the call; DATA_LOSS because the
// history no longer proves what happened.
Status ChainOutcome(const VerifyClaimHistoryResponse& result, const std::string& what) {
  if (result.ok()) return Status::Ok();
  const disposal::v1::ChainBreak& found = result.first_break();
  return Status::RpcFailed("DATA_LOSS", what + " is broken at event " +
                                            std::to_string(found.chain_seq()) + " (" +
                                            ChainBreakKindText(found.kind()) + ")");
}

// Writes each page into `writer` and `checker`, redrawing the progress on a terminal.
PageHandler ExportPages(AuditExportWriter* writer, ChainChecker* checker, LiveLine* progress) {
  return [writer, checker, progress](const ClaimHistoryPage& page) {
    // The export must end at the head the server recorded, or its last events were removed.
    if (page.head_chain_seq() > 0) {
      checker->ExpectServerHead(page.head_chain_seq(), page.head_hash());
      writer->RecordServerHead(page.head_chain_seq(), page.head_hash());
    } else if (page.events_size() > 0) {
      checker->ExpectHeadRecordMissing();
      writer->RecordServerHeadMissing();
    }
    for (const AuditEvent& event : page.events()) {
      Status status = writer->Write(event);
      if (!status.ok()) return status;
      checker->Add(event);
    }
    if (progress != nullptr) {
      progress->Draw(ExportProgressLine(writer->manifest().event_count(), writer->event_bytes()));
    }
    return Status::Ok();
  };
}

Status StreamExport(const RpcSettings& settings, const AuditExportOptions& options,
                    AuditExportWriter* writer, ChainChecker* checker) {
  StreamClaimHistoryRequest request;
  *request.mutable_subject() = SubjectOf(options.subject);
  request.set_page_size(options.page_size);
  const bool live = isatty(STDERR_FILENO) == 1;
  LiveLine progress(std::cerr);
  Status status =
      StreamHistory(settings, request, ExportPages(writer, checker, live ? &progress : nullptr));
  if (live && writer->manifest().event_count() > 0) std::cerr << '\n';
  if (status.ok()) status = writer->Finish(google::protobuf::util::TimeUtil::GetCurrentTime());
  return status;
}

Status PrintExportOutcome(const GlobalOptions& global, const AuditExportOptions& options,
                          const AuditExportWriter& writer, const ChainChecker& checker) {
  if (global.output == OutputFormat::kJson) {
    Status status = PrintMessageJson(writer.manifest(), std::cout);
    if (!status.ok()) return status;
  } else {
    PrintExportSummary(writer.manifest(), options.out_dir, writer.event_bytes(), std::cout);
    if (checker.broken()) std::cout << '\n' << BrokenVerdict(checker.first_break()) << '\n';
  }
  return ChainOutcome(checker.Result(),
                      "the history of " + SubjectLabel(options.subject) + " (exported as sent)");
}

}  // namespace

Status ShowAuditHistory(const GlobalOptions& global, const AuditHistoryOptions& options) {
  StreamClaimHistoryRequest request;
  Status status = ValidateSubject(options.subject);
  if (status.ok()) status = BuildHistoryRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  // Every event shown is checked against its own hash, which a filtered listing can do too:
  // an event whose contents were changed is not shown as genuine. (Its links to the others,
  // and events missing, are `audit check`'s.)
  std::optional<std::int64_t> first_edited;
  const std::function<PageHandler(const PageHandler&)> checked =
      [&first_edited](const PageHandler& show) -> PageHandler {
    return [&first_edited, show](const ClaimHistoryPage& page) {
      for (const AuditEvent& event : page.events()) {
        if (first_edited) break;
        if (!IsHashHex(event.prev_hash()) || ChainHash(event.prev_hash(), event) != event.hash()) {
          first_edited = event.chain_seq();
        }
      }
      return show(page);
    };
  };
  if (global.output == OutputFormat::kJson) {
    status = StreamHistory(global.rpc, request, checked(PrintEventLines));
  } else {
    status = PrintHistoryTable(global.rpc, request, checked);
  }
  if (first_edited) {
    // Said even when the stream failed after it: the edited event was shown.
    return Status::RpcFailed(
        "DATA_LOSS",
        "event " + std::to_string(*first_edited) +
            " does not match its own hash: its contents were changed after it was "
            "recorded; run `audit check`" +
            (status.ok() ? "" : " (the listing then failed: " + status.message() + ")"));
  }
  return status;
}

Status ParseExpectedHead(const std::string& text,
                         std::optional<std::pair<std::int64_t, std::string>>* head) {
  if (text.empty()) return Status::Ok();
  const size_t colon = text.find(':');
  const std::string position = text.substr(0, colon);
  const std::string hash = colon == std::string::npos ? "" : text.substr(colon + 1);
  const bool digits = !position.empty() && position.size() <= 18 &&
                      position.find_first_not_of("0123456789") == std::string::npos;
  const bool hex =
      hash.size() == 64 && hash.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!digits || std::stoll(position) < 1 || !hex) {
    return Status::InvalidInput("--expect-head \"" + text +
                                "\" must be POSITION:HASH, e.g. 12:<64 lowercase hex digits>, as "
                                "`audit check` prints the head");
  }
  *head = std::make_pair(std::stoll(position), hash);
  return Status::Ok();
}

// The event at `position` of the subject's chain (`found` false when there is none), read
// with a stream cancelled after its first page.
Status EventAt(const RpcSettings& settings, const AuditSubjectOptions& subject,
               std::int64_t position, AuditEvent* event, bool* found) {
  StreamClaimHistoryRequest request;
  *request.mutable_subject() = SubjectOf(subject);
  request.set_after_chain_seq(position - 1);
  request.set_page_size(1);
  HistoryCall call(settings, request);
  ClaimHistoryPage page;
  *found = call.Read(&page) && page.events_size() > 0;
  if (*found) *event = page.events(0);
  const grpc::Status status = call.Cancel();
  if (*found || status.ok() || status.error_code() == grpc::StatusCode::CANCELLED) {
    return Status::Ok();
  }
  return RpcFailure(status, settings);
}

// The head fields go too: they are the chain's head only when it is whole, and a script that
// keeps the head it is shown must not keep a rewritten chain's.
void MarkBroken(disposal::v1::ChainBreakKind kind, std::int64_t position, std::string reason,
                VerifyClaimHistoryResponse* result) {
  result->set_ok(false);
  result->clear_head_chain_seq();
  result->clear_head_hash();
  disposal::v1::ChainBreak* found = result->mutable_first_break();
  found->set_kind(kind);
  found->set_chain_seq(position);
  found->set_reason(std::move(reason));
}

// A chain the server found whole must still pass through the head kept from before.
Status CompareWithKeptHead(const RpcSettings& settings, const AuditSubjectOptions& subject,
                           const std::pair<std::int64_t, std::string>& kept,
                           VerifyClaimHistoryResponse* result) {
  const auto& [position, hash] = kept;
  const std::string at = "event " + std::to_string(position);
  if (position > result->head_chain_seq()) {
    MarkBroken(disposal::v1::CHAIN_BREAK_KIND_REMOVED, position,
               at + ": removed: the chain now ends at " + std::to_string(result->head_chain_seq()) +
                   ", before the head kept earlier",
               result);
    return Status::Ok();
  }
  AuditEvent event;
  bool found = false;
  Status status = EventAt(settings, subject, position, &event, &found);
  if (!status.ok()) return status;
  if (!found || event.chain_seq() != position) {
    MarkBroken(disposal::v1::CHAIN_BREAK_KIND_REMOVED, position,
               at + ": removed: the chain holds no event there", result);
  } else if (event.hash() != hash) {
    MarkBroken(disposal::v1::CHAIN_BREAK_KIND_EDITED, position,
               at + ": edited: it now hashes to " + event.hash() + ", the head kept earlier " +
                   "was " + hash + " (the chain was rewritten at or before it)",
               result);
  }
  return Status::Ok();
}

Status CheckAuditHistory(const GlobalOptions& global, const AuditCheckOptions& options) {
  std::optional<std::pair<std::int64_t, std::string>> kept;
  Status status = ValidateSubject(options.subject);
  if (status.ok()) status = ParseExpectedHead(options.expect_head, &kept);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::VerifyClaimHistoryRequest request;
  *request.mutable_subject() = SubjectOf(options.subject);
  VerifyClaimHistoryResponse result;
  status = AuditRpc(global.rpc).Call(&AuditService::Stub::VerifyClaimHistory, request, &result);
  if (status.ok() && result.ok() && kept) {
    status = CompareWithKeptHead(global.rpc, options.subject, *kept, &result);
  }
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) {
    status = PrintMessageJson(result, std::cout);
    if (!status.ok()) return status;
  } else {
    std::cout << CheckVerdict(result) << '\n';
  }
  return ChainOutcome(result, "the history of " + SubjectLabel(options.subject));
}

// The server accepts a UUID in capitals but sends ids back as PostgreSQL writes them, in lower
// case; the chain's events are compared with the id as given, so it is given in lower case.
std::string LowercaseId(std::string id) {
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return id;
}

Status ExportAuditHistory(const GlobalOptions& global, const AuditExportOptions& given) {
  AuditExportOptions options = given;
  options.subject.id = LowercaseId(given.subject.id);
  Status status = ValidateSubject(options.subject);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  const std::string chain_id = SubjectChainId(options.subject);
  if (chain_id.empty()) {
    return Status::InvalidInput(
        "cannot derive the id of " + SubjectLabel(options.subject) +
        "'s chain: this OpenSSL offers no MD5; export it by a client whose OpenSSL does");
  }
  AuditExportWriter writer;
  status = writer.Open(options.out_dir, SubjectKind(options.subject), chain_id,
                       global.rpc.server_address);
  if (!status.ok()) {
    // What Open made before it failed goes (a folder it refused is left as it was).
    writer.Abandon();
    return status;
  }
  ChainChecker checker;
  checker.ExpectSubject(SubjectKind(options.subject), chain_id);
  status = StreamExport(global.rpc, options, &writer, &checker);
  if (!status.ok()) {
    writer.Abandon();
    return status.WithContext("nothing was exported");
  }
  checker.Finish();
  return PrintExportOutcome(global, options, writer, checker);
}

Status VerifyAuditExport(const GlobalOptions& global, const VerifyExportOptions& options) {
  std::optional<std::pair<std::int64_t, std::string>> expected_head;
  Status status = ParseExpectedHead(options.expect_head, &expected_head);
  if (!status.ok()) return status;
  VerifyClaimHistoryResponse result;
  status = VerifyExport(options.dir, expected_head, &result);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) {
    status = PrintMessageJson(result, std::cout);
    if (!status.ok()) return status;
  } else {
    disposal::v1::AuditExportManifest manifest;
    if (ReadExportManifest(options.dir, &manifest).ok()) {
      std::cout << ExportSubjectLine(manifest) << '\n';
    }
    std::cout << ExportVerdict(result) << '\n';
  }
  return ChainOutcome(result, "the export in " + options.dir);
}

Status ShowEligibilityDecision(const GlobalOptions& global, const DecisionOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::GetEligibilityDecisionRequest request;
  request.set_decision_id(options.decision_id);
  disposal::v1::EligibilityReceipt receipt;
  status =
      AuditRpc(global.rpc).Call(&AuditService::Stub::GetEligibilityDecision, request, &receipt);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(receipt, std::cout);
  PrintEligibilityReceipt(receipt, std::cout);
  return Status::Ok();
}

Status ReplayEligibilityDecision(const GlobalOptions& global, const DecisionOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::ReplayEligibilityDecisionRequest request;
  request.set_decision_id(options.decision_id);
  disposal::v1::ReplayEligibilityDecisionResponse replay;
  status =
      AuditRpc(global.rpc).Call(&AuditService::Stub::ReplayEligibilityDecision, request, &replay);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) {
    status = PrintMessageJson(replay, std::cout);
    if (!status.ok()) return status;
  } else {
    PrintReplay(replay, std::cout);
  }
  if (replay.same()) return Status::Ok();
  const int count = replay.differences_size();
  return Status::RpcFailed("FAILED_PRECONDITION",
                           "decision " + options.decision_id + " decides differently on replay (" +
                               std::to_string(count) +
                               (count == 1 ? " difference)" : " differences)"));
}

}  // namespace disposalctl
