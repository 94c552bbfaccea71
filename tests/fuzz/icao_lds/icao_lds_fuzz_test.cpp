// The ICAO LDS fuzz entry under GoogleTest, so every build exercises it: real files of factory documents
// (EF.SOD, DG1 TD3 and TD1, DG2 JPEG and JPEG 2000, DG14 with EC and DH keys, DG15 RSA and EC,
// EF.CardAccess), then 20,000 deterministic mutations of them.
#include <gtest/gtest.h>

#include <random>

#include "answer_mutator.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/passive_authentication.h"
#include "drivers/icao9303/test_document.h"
#include "icao_lds_entry.h"

namespace hk::drivers::icao9303::fuzz {
namespace {

struct Seeds {
    std::vector<iso7816::Bytes> files;
    std::map<int, iso7816::Bytes> data_groups;  // of the first document, whose SOD is seed 0
    CscaStore trust;
};

const Seeds& seeds() {
    static const Seeds made = [] {
        Seeds out;
        testdoc::TestDocumentOptions first;
        first.face_bytes = 3000;
        first.face_width = 120;
        first.face_height = 160;
        testdoc::TestDocumentOptions second = first;
        second.mrz.format = MrzFormat::Td1;
        second.mrz.document_code = "I";
        second.face_format = FaceImageFormat::Jpeg2000;
        second.chip_authentication = testdoc::CaKey::Dh2048;
        second.active_authentication = testdoc::AaKey::EcP256;
        for (const auto& options : {first, second}) {
            const auto document = testdoc::make_test_document(options).value();
            if (out.data_groups.empty()) {
                out.data_groups = document.data_groups();
                out.files.push_back(*document.file(fid::kSod));  // seed 0
            }
            for (const auto& [fid, file] : document.files) out.files.push_back(file);
        }
        const auto authority = testdoc::csca();
        out.trust.add_certificate(certificate_der(authority.certificate.get()));
        return out;
    }();
    return made;
}

TEST(IcaoLdsFuzz, SeedsKeepEveryPromiseAndTheSodPasses) {
    for (const iso7816::Bytes& seed : seeds().files)
        EXPECT_EQ(check_icao_lds(seed, seeds().trust, seeds().data_groups), "");
    const auto result = verify_passive_authentication(seeds().files[0], seeds().data_groups, seeds().trust);
    EXPECT_EQ(result.overall, CheckOutcome::Passed) << result.reason();
}

TEST(IcaoLdsFuzz, TwentyThousandMutationsKeepEveryPromise) {
    std::mt19937 random(9303);
    int broken = 0;
    for (int i = 0; i < 20000; ++i) {
        const iso7816::Bytes& seed = seeds().files[static_cast<std::size_t>(i) % seeds().files.size()];
        const std::string mutated =
            kiosk::central::fuzz::mutate_answer(std::string(seed.begin(), seed.end()), random);
        const iso7816::Bytes input(mutated.begin(), mutated.end());
        const std::string problem = check_icao_lds(input, seeds().trust, seeds().data_groups);
        if (!problem.empty() && ++broken <= 5) ADD_FAILURE() << "mutation " << i << ": " << problem;
    }
    EXPECT_EQ(broken, 0);
}

}  // namespace
}  // namespace hk::drivers::icao9303::fuzz
