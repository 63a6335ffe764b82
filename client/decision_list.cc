#include "decision_list.h"

#include <iostream>

#include "claim_actions.h"
#include "disposal/v1/audit.grpc.pb.h"
#include "enum_text.h"
#include "output.h"
#include "service_rpc.h"
#include "table.h"
#include "time_text.h"

namespace disposalctl {

using disposal::v1::AuditService;
using disposal::v1::ListEligibilityDecisionsRequest;
using disposal::v1::ListEligibilityDecisionsResponse;

Status BuildListDecisionsRequest(const ListDecisionsOptions& options,
                                 ListEligibilityDecisionsRequest* request) {
  request->set_disposal_id(options.disposal_id);
  request->set_bidder(options.bidder);
  request->set_page_size(options.page_size);
  request->set_page_token(options.page_token);
  if (options.outcome.empty()) return Status::Ok();
  const google::protobuf::EnumDescriptor& type = *disposal::v1::EligibilityOutcome_descriptor();
  const google::protobuf::EnumValueDescriptor* value = FindEnumValue(type, options.outcome);
  if (value == nullptr || value->number() == 0) {
    return Status::InvalidInput("--outcome \"" + options.outcome + "\" must be one of " +
                                ListShortEnumNames(type));
  }
  request->set_outcome(static_cast<disposal::v1::EligibilityOutcome>(value->number()));
  return Status::Ok();
}

void PrintDecisionList(const ListEligibilityDecisionsResponse& listed, bool stopped_at_page_limit,
                       std::ostream& out) {
  if (listed.decisions().empty()) {
    // The server reads a bounded stretch per call: a filtered page may be empty, not the last.
    out << (listed.next_page_token().empty() ? "no decisions\n"
                                             : "no decisions in this stretch; more follow\n");
  } else {
    Table table;
    for (const char* header : {"decided (Asia/Shanghai)", "outcome", "bidder"}) {
      table.AddColumn(header);
    }
    table.AddColumn("registry version", Align::kRight);
    table.AddColumn("asked by");
    table.AddColumn("decision");
    const google::protobuf::EnumDescriptor& outcomes =
        *disposal::v1::EligibilityOutcome_descriptor();
    for (const auto& decision : listed.decisions()) {
      table.AddRow({FormatShanghaiTime(decision.decide_time()),
                    ShortEnumName(outcomes, decision.outcome()), decision.bidder(),
                    std::to_string(decision.registry_version()), decision.actor(),
                    decision.decision_id()});
    }
    table.Print(out);
  }
  if (listed.next_page_token().empty()) return;
  if (stopped_at_page_limit) {
    out << "\nstopped after " << kListPagesMax << " pages; more decisions follow.";
  }
  out << "\nnext page: --page-token " << listed.next_page_token() << '\n';
}

Status ListEligibilityDecisions(const GlobalOptions& global, const ListDecisionsOptions& options) {
  ListEligibilityDecisionsRequest request;
  Status status = BuildListDecisionsRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  ServiceRpc<AuditService> rpc(global.rpc);
  ListEligibilityDecisionsResponse listed;
  int pages = 0;
  do {
    ListEligibilityDecisionsResponse page;
    status = rpc.Call(&AuditService::Stub::ListEligibilityDecisions, request, &page);
    if (!status.ok()) return status;
    for (auto& decision : *page.mutable_decisions()) listed.add_decisions()->Swap(&decision);
    listed.set_next_page_token(page.next_page_token());
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (options.all_pages && !listed.next_page_token().empty() && pages < kListPagesMax);
  return PrintListing(global, listed, options.all_pages, "decisions",
                      [&](bool stopped) { PrintDecisionList(listed, stopped, std::cout); });
}

}  // namespace disposalctl
