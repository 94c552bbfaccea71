// POST /v1/certificates, in-process: what is issued, and that a retry never issues twice.
#include <thread>

#include "service_fixture.h"

namespace hk::central::test {
namespace {

using nlohmann::json;

class CertificateEndpoint : public ServiceFixture {
  protected:
    Answer issue(const std::string& key, const json& request, const std::string& kiosk = "kiosk-a") {
        return service.issue_certificate(kiosk, key, request.dump());
    }
    static json request(const std::string& service_id, const std::string& id_number) {
        return {{"service_id", service_id}, {"subject", card(id_number)}};
    }
};

TEST_F(CertificateEndpoint, IssuesASignedCertificate) {
    const Answer answer = issue("step-1", request("proof_of_family_relationship", kWangXiaoming));
    ASSERT_EQ(answer.status, 201) << answer.body;
    const json certificate = body_of(answer);
    EXPECT_EQ(certificate["serial"], "HK2026000001");
    EXPECT_EQ(certificate["service_id"], "proof_of_family_relationship");
    EXPECT_EQ(certificate["issued_on"], "2026-11-22");
    EXPECT_EQ(certificate["issuer"], "北京市公安局");
    EXPECT_EQ(certificate["title_zh"], "亲属关系证明");
    EXPECT_EQ(certificate["holder_name"], "王小明");
    EXPECT_EQ(certificate["fields"].size(), 10u) << "six personal fields, three relatives, the relation";
    EXPECT_EQ(certificate["proof"]["key_id"], "unit-1");
    EXPECT_EQ(certificate["proof"]["alg"], "ES256");

    const auto parts = split_proof(certificate["proof"]["payload"].get<std::string>());
    ASSERT_TRUE(parts);
    EXPECT_TRUE(es256_verify(public_key_pem_of(key_pem), parts->claims_text, parts->signature));
    const json claims = json::parse(parts->claims_json);
    EXPECT_EQ(claims["serial"], "HK2026000001");
    EXPECT_EQ(claims["type"], "proof_of_family_relationship");
    EXPECT_EQ(claims["holder"], "王小明");
    EXPECT_EQ(claims["id"], "110101********1235");
    EXPECT_EQ(claims["issued"], "2026-11-22");
}

TEST_F(CertificateEndpoint, SerialsCountUpWithinTheYear) {
    EXPECT_EQ(body_of(issue("a", request("registration_certificate", kWangXiaoming)))["serial"],
              "HK2026000001");
    EXPECT_EQ(body_of(issue("b", request("registration_certificate", kLiJing)))["serial"], "HK2026000002");
    EXPECT_EQ(certificates(), 2);
}

TEST_F(CertificateEndpoint, ARetryGetsTheSameBytesAndIssuesNothing) {
    const Answer first = issue("step-1", request("registration_certificate", kWangXiaoming));
    const Answer retry = issue("step-1", request("registration_certificate", kWangXiaoming));
    EXPECT_EQ(retry.status, first.status);
    EXPECT_EQ(retry.body, first.body) << "ECDSA signatures are randomised: only a stored answer is identical";
    EXPECT_EQ(certificates(), 1);
}

TEST_F(CertificateEndpoint, ARetrySerialisedDifferentlyIsTheSameRequest) {
    const Answer first = issue("step-1", request("registration_certificate", kWangXiaoming));
    const std::string reordered =
        R"({ "subject": {"id_number": ")" + std::string(kWangXiaoming) +
        R"(", "name": "测试", "source": "resident_id_card"}, "service_id": "registration_certificate" })";
    const Answer retry = service.issue_certificate("kiosk-a", "step-1", reordered);
    EXPECT_EQ(retry.body, first.body);
    EXPECT_EQ(certificates(), 1);
}

TEST_F(CertificateEndpoint, ConcurrentRetriesIssueOnce) {
    // A kiosk that times out and retries while the first attempt is still being served.
    std::vector<std::string> bodies(8);
    std::vector<std::thread> kiosks;
    for (std::string& body : bodies) {
        kiosks.emplace_back(
            [&] { body = issue("step-1", request("registration_certificate", kWangXiaoming)).body; });
    }
    for (std::thread& kiosk : kiosks) kiosk.join();
    for (const std::string& body : bodies) EXPECT_EQ(body, bodies.front());
    EXPECT_EQ(certificates(), 1);
}

TEST_F(CertificateEndpoint, TheSameKeyWithAnotherBodyIsAConflict) {
    ASSERT_EQ(issue("step-1", request("registration_certificate", kWangXiaoming)).status, 201);
    const Answer other = issue("step-1", request("registration_certificate", kLiJing));
    EXPECT_EQ(other.status, 409);
    EXPECT_EQ(body_of(other)["code"], "conflict");
    EXPECT_EQ(certificates(), 1);
}

TEST_F(CertificateEndpoint, KeysBelongToOneKiosk) {
    ASSERT_EQ(issue("step-1", request("registration_certificate", kWangXiaoming), "kiosk-a").status, 201);
    const Answer other_kiosk = issue("step-1", request("registration_certificate", kLiJing), "kiosk-b");
    EXPECT_EQ(other_kiosk.status, 201);
    EXPECT_EQ(certificates(), 2);
}

TEST_F(CertificateEndpoint, TheIdempotencyKeyIsRequiredAndBounded) {
    const std::string body = request("registration_certificate", kWangXiaoming).dump();
    EXPECT_EQ(service.issue_certificate("kiosk-a", std::nullopt, body).status, 400);
    EXPECT_EQ(service.issue_certificate("kiosk-a", "", body).status, 400);
    EXPECT_EQ(service.issue_certificate("kiosk-a", std::string(201, 'k'), body).status, 400);
    EXPECT_EQ(service.issue_certificate("kiosk-a", "tab\there", body).status, 400);
    EXPECT_EQ(service.issue_certificate("kiosk-a", std::string(200, 'k'), body).status, 201);
    EXPECT_EQ(certificates(), 1);
}

TEST_F(CertificateEndpoint, RefusalsAreKeptUnderTheKeyToo) {
    const Answer first = issue("step-1", request("registration_certificate", kJinYingji));
    EXPECT_EQ(first.status, 422) << "paper records cannot be certified here";
    EXPECT_EQ(issue("step-1", request("registration_certificate", kJinYingji)).body, first.body);
    EXPECT_EQ(certificates(), 0);
}

TEST_F(CertificateEndpoint, RefusesSubjectsWithoutElectronicRecords) {
    EXPECT_EQ(issue("1", request("registration_certificate", kNobody)).status, 422);
    EXPECT_EQ(issue("2", request("registration_certificate", kJinYingji)).status, 422);
    EXPECT_EQ(issue("3", request("household_book", kWangXiaoming)).status, 422)
        << "an application, not a certificate";
}

TEST_F(CertificateEndpoint, AnAgentMayActExceptForTheTemporaryIdentityPaper) {
    json with_agent = request("registration_certificate", kWangXiaoming);
    with_agent["agent"] = card(kLiJing);
    EXPECT_EQ(issue("1", with_agent).status, 201);
    json temporary = request("temporary_identity_paper", kWangXiaoming);
    temporary["agent"] = card(kLiJing);
    EXPECT_EQ(issue("2", temporary).status, 422);
    temporary.erase("agent");
    EXPECT_EQ(issue("3", temporary).status, 201);
}

}  // namespace
}  // namespace hk::central::test
