// POST /v1/certificates: issue an instant certificate, exactly once per idempotency key.
#include <charconv>

#include "central_service.h"
#include "certificate_composer.h"
#include "proof.h"

namespace hk::central {
namespace {

int year_of(const std::string& date) {
    int year = 0;
    const auto [end, error] =
        std::from_chars(date.data(), date.data() + std::min<std::size_t>(date.size(), 4), year);
    if (error != std::errc() || end != date.data() + 4)
        throw std::runtime_error("issue date is not YYYY-MM-DD");
    return year;
}

// How the records name an agent: the ID number when the document carried one, else the passport number.
std::string agent_reference(const std::optional<Identity>& agent) {
    if (!agent) return {};
    return agent->id_number.empty() ? "passport:" + agent->document_number : agent->id_number;
}

nlohmann::ordered_json certificate_json(const IssuedCertificateRecord& record, const std::string& issuer,
                                        const Person& holder, const CertificateText& text,
                                        const Proof& proof) {
    nlohmann::ordered_json json;
    json["serial"] = record.serial;
    json["service_id"] = record.service_id;
    json["issued_on"] = record.issued_on;
    json["issuer"] = issuer;
    json["title_zh"] = text.title_zh;
    json["title_en"] = text.title_en;
    json["holder_name"] = holder.name;
    json["fields"] = nlohmann::ordered_json::array();
    for (const CertificateField& field : text.fields) {
        json["fields"].push_back({{"label", field.label}, {"value", field.value}});
    }
    json["statement"] = text.statement;
    json["proof"] = {{"payload", proof.payload},
                     {"verification_code", proof.verification_code},
                     {"key_id", proof.key_id},
                     {"alg", proof.alg}};
    return json;
}

}  // namespace

Answer CentralService::issue_certificate(std::string_view kiosk_id,
                                         const std::optional<std::string>& idempotency_key,
                                         std::string_view body) {
    return idempotent<CertificateRequest>(kiosk_id, idempotency_key, body, &decode_certificate_request,
                                          &CentralService::issue);
}

Answer CentralService::issue(const Transaction& tx, std::string_view kiosk_id,
                             const CertificateRequest& request) {
    const CatalogueService* service = catalogue_.find(request.service_id);
    if (service == nullptr || service->kind != ServiceKind::Certificate || !service->available_here) {
        return error_answer(unprocessable("service_id is not offered as an instant certificate"));
    }
    if (request.agent && !service->allows_agent) {
        return error_answer(unprocessable("this certificate is issued only to the holder in person"));
    }
    const std::optional<Person> holder = find_person(tx, request.subject);
    if (!holder) return error_answer(unprocessable("no registration record for the subject"));
    if (holder->paper_records)
        return error_answer(unprocessable("the subject's records are kept only on paper"));

    IssuedCertificateRecord record;
    record.issued_on = clock_.today();
    record.year = year_of(record.issued_on);
    record.serial = store_.next_certificate_serial(tx, record.year, record.counter);
    record.service_id = request.service_id;
    record.holder_id_number = holder->id_number;
    record.agent_id_number = agent_reference(request.agent);
    record.kiosk_id = std::string(kiosk_id);

    const CertificateText text =
        compose_certificate(request.service_id, *holder, store_.household(tx, holder->household));
    const Proof proof =
        make_proof(signer_, ProofClaims{record.serial, record.service_id, holder->name, holder->id_number,
                                        record.issued_on, valid_until(request.service_id, record.issued_on)});
    Answer answer = json_answer(201, certificate_json(record, store_.issuer(tx), *holder, text, proof));
    record.body = answer.body;
    store_.insert_certificate(tx, record);
    return answer;
}

}  // namespace hk::central
