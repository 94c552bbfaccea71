#include "verify_command.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "kiosk/catalogue.h"
#include "local_date.h"
#include "printer/proof/code_finder.h"
#include "printer/proof/proof_verifier.h"

namespace hk::kiosk::ctl {
namespace {

using printer::proof::ProofVerdict;

// "亲属关系证明 Proof of family relationship" for a catalogue id, the id itself for one we do not know.
std::string type_name(const std::string& service_id) {
    const Service* service = default_catalogue().find(service_id);
    if (service == nullptr) return service_id;
    return service->name.zh + " " + service->name.en;
}

nlohmann::ordered_json verdict_json(const std::string& source, const std::string& payload,
                                    const ProofVerdict& verdict) {
    nlohmann::ordered_json json;
    json["source"] = source;
    json["payload"] = payload;  // the code as read, for scripts that pass it on
    json["valid"] = verdict.valid();
    json["result"] = printer::proof::to_string(verdict.failure);
    if (!verdict.valid()) json["reason"] = verdict.reason;
    if (verdict.claims) {
        const printer::proof::ProofClaims& c = *verdict.claims;
        json["type"] = c.type;
        json["serial"] = c.serial;
        json["holder"] = c.holder;
        json["id"] = c.id_number_masked;
        json["issued"] = c.issued;
        if (c.valid_until) json["valid_until"] = *c.valid_until;
        json["key_id"] = c.key_id;
        json["verification_code"] = verdict.verification_code;
    }
    return json;
}

void print_verdict(std::ostream& out, const std::string& source, const ProofVerdict& verdict) {
    if (verdict.valid()) {
        out << source << ": VALID\n";
    } else {
        out << source << ": NOT VALID (" << printer::proof::to_string(verdict.failure)
            << "): " << verdict.reason << "\n";
    }
    if (!verdict.claims) return;
    const printer::proof::ProofClaims& c = *verdict.claims;
    // Shown also when not valid, marked as such: what the code claims helps a reader see what was forged.
    const char* label = verdict.valid() ? "" : " (unverified)";
    out << "  certificate  " << type_name(c.type) << label << "\n"
        << "  serial       " << c.serial << "\n"
        << "  holder       " << c.holder << "\n"
        << "  ID number    " << c.id_number_masked << "\n"
        << "  issued       " << c.issued << "\n";
    if (c.valid_until) out << "  valid until  " << *c.valid_until << "\n";
    out << "  signed by    key " << c.key_id << "\n"
        << "  code         " << verdict.verification_code << "  (the paper shows the same under the QR)\n";
}

void report_failure(std::ostream& out, bool json, const std::string& source, const std::string& why) {
    if (json) {
        nlohmann::ordered_json line;
        line["source"] = source;
        line["valid"] = false;
        line["result"] = "no_code";
        line["reason"] = why;
        out << line.dump() << "\n";
    } else {
        out << source << ": NOT VALID (no_code): " << why << "\n";
    }
}

}  // namespace

int run_verify(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
    auto trust = printer::proof::TrustList::load(options.keys_file, options.key_id);
    if (!trust) {
        err << "kioskctl verify: keys: " << trust.error() << "\n";
        return 2;
    }
    const std::string today = options.today.empty() ? local_date() : options.today;
    bool all_valid = true;
    for (const std::string& input : options.inputs) {
        std::vector<std::string> codes;
        if (input.starts_with(printer::proof::kPayloadPrefix)) {
            codes.push_back(input);
        } else {
            auto found = printer::proof::proof_codes_in_file(input);
            if (!found) {
                report_failure(out, options.json, input, found.error());
                all_valid = false;
                continue;
            }
            codes = std::move(*found);
        }
        if (codes.empty()) {
            report_failure(out, options.json, input, "no QR code found");
            all_valid = false;
        }
        const std::string source = input.starts_with(printer::proof::kPayloadPrefix) ? "payload" : input;
        for (const std::string& code : codes) {
            const ProofVerdict verdict = printer::proof::verify_proof(code, *trust, today);
            all_valid = all_valid && verdict.valid();
            if (options.json) {
                out << verdict_json(source, code, verdict).dump() << "\n";
            } else {
                print_verdict(out, source, verdict);
            }
        }
    }
    return all_valid ? 0 : 1;
}

}  // namespace hk::kiosk::ctl
