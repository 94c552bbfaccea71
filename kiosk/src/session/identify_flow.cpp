// Identification: resident ID card, or passport (MRZ from the scanner, then the chip), for the citizen and,
// when they act for someone else, for that person too. Reads that fail are retried a few times with a hint
// before the citizen is offered another way.
#include "drivers/resident_id_reader.h"
#include "scanner/mrz.h"
#include "step_context.h"

namespace hk::kiosk::detail {
namespace {

using drivers::FaultKind;

VerifiedIdentity identity_from_card(const drivers::ResidentIdCard& card) {
    VerifiedIdentity id;
    id.source = IdentitySource::ResidentIdCard;
    id.name = card.name;
    id.id_number = card.id_number;
    id.birth_date = card.birth_date;
    id.nationality = PersonalString("CHN");
    return id;
}

VerifiedIdentity identity_from_chip(const drivers::ChipDocument& doc) {
    VerifiedIdentity id;
    id.source = IdentitySource::PassportChip;
    std::string name(doc.surname.reveal());
    if (!doc.given_names.empty()) {
        name += ' ';
        name += doc.given_names.reveal();
    }
    id.name = PersonalString(name);
    drivers::wipe_bytes(name.data(), name.size());
    // Chinese passports carry no resident ID number in DG1; travel permits may, as optional data.
    if (drivers::is_valid_resident_id_number(doc.personal_number.reveal()))
        id.id_number = doc.personal_number;
    id.document_number = doc.document_number;
    id.birth_date = doc.birth_date;
    id.nationality = doc.nationality;
    return id;
}

void identified(StepContext& ctx, VerifiedIdentity identity,
                std::shared_ptr<const ui::Photo> face = nullptr) {
    Session& s = ctx.session();
    if (s.identifying == Role::Applicant) {
        s.applicant = std::move(identity);
        s.applicant_face = std::move(face);
        if (s.for_someone_else) {
            s.identifying = Role::Principal;
            ctx.enter(Screen::IdentifyMethod);
            s.hint = "now_other_person";
            return;
        }
    } else {
        if (same_person(*s.applicant, identity)) {
            ctx.fail(ErrorKind::SamePersonTwice, "", Screen::IdentifyMethod);
            return;
        }
        s.principal = std::move(identity);
        s.principal_face = std::move(face);
    }
    ctx.enter(Screen::CheckingEligibility);
}

// A failed read of the document in hand: try again with a hint, or give up after too many tries.
void read_failed(StepContext& ctx, const char* hint, const std::string& fault_code) {
    Session& s = ctx.session();
    if (++s.read_attempts >= ctx.config().max_read_attempts) {
        ctx.fail(ErrorKind::ReadFailedRepeatedly, fault_code, Screen::IdentifyMethod);
        return;
    }
    const int attempts = s.read_attempts;
    ctx.enter(ctx.state.screen);  // re-issues the read
    s.read_attempts = attempts;
    s.hint = hint;
}

const char* hint_for(FaultKind kind) {
    switch (kind) {
        case FaultKind::CardRemoved:
            return "card_removed";
        case FaultKind::NoDocument:
            return "no_document";
        case FaultKind::AccessDenied:
            return "mrz_mismatch";
        default:
            return "read_again";
    }
}

void on_read_fault(StepContext& ctx, const drivers::DeviceFault& fault) {
    switch (fault.kind) {
        case FaultKind::CardRemoved:
        case FaultKind::Unreadable:
        case FaultKind::Timeout:
        case FaultKind::NoDocument:
            read_failed(ctx, hint_for(fault.kind), drivers::fault_code(fault));
            break;
        case FaultKind::AccessDenied: {
            // The chip refused the key from the MRZ: the MRZ was misread, or it is another document. Read it
            // again.
            Session& s = ctx.session();
            s.chip_key.reset();
            const int attempts = s.read_attempts + 1;
            if (attempts >= ctx.config().max_read_attempts) {
                ctx.fail(ErrorKind::ReadFailedRepeatedly, drivers::fault_code(fault), Screen::IdentifyMethod);
                return;
            }
            ctx.enter(Screen::PassportMrz);
            s.read_attempts = attempts;
            s.hint = hint_for(fault.kind);
            break;
        }
        default:
            ctx.fail(ErrorKind::DeviceFailed, drivers::fault_code(fault), Screen::IdentifyMethod);
            break;
    }
}

bool waiting_for(const StepContext& ctx, Screen screen, std::uint64_t request) {
    return ctx.state.screen == screen && request != 0 && request == ctx.state.pending_request;
}

// A read that answered is over: leaving its screen then needs no cancel.
void read_answered(StepContext& ctx) {
    ctx.state.pending_request = 0;
}

}  // namespace

bool on_identity_event(StepContext& ctx, const Event& event) {
    if (const auto* e = std::get_if<ResidentIdCardRead>(&event)) {
        if (!waiting_for(ctx, Screen::IdentifyCard, e->request)) return true;  // stale: dropped with its data
        read_answered(ctx);
        if (!drivers::is_valid_resident_id_number(e->card.id_number.reveal()) || e->card.name.empty()) {
            read_failed(ctx, "read_again",
                        drivers::fault_code(drivers::DeviceKind::ResidentIdReader, FaultKind::Unreadable));
            return true;
        }
        identified(ctx, identity_from_card(e->card));
        return true;
    }
    if (const auto* e = std::get_if<MrzRead>(&event)) {
        if (!waiting_for(ctx, Screen::PassportMrz, e->request)) return true;
        read_answered(ctx);
        auto mrz = scanner::parse_mrz(e->lines);
        if (!mrz) {
            read_failed(ctx, "mrz_unreadable",
                        drivers::fault_code(drivers::DeviceKind::DocumentScanner, FaultKind::Unreadable));
            return true;
        }
        ctx.session().chip_key = mrz->access_key();
        ctx.session().read_attempts = 0;
        ctx.enter(Screen::PassportChip);
        return true;
    }
    if (const auto* e = std::get_if<ChipRead>(&event)) {
        if (!waiting_for(ctx, Screen::PassportChip, e->request)) return true;
        read_answered(ctx);
        const auto& auth = e->document.authentication;
        if (auth.passive == drivers::CheckOutcome::Failed ||
            auth.active_or_chip == drivers::CheckOutcome::Failed) {
            ctx.fail(ErrorKind::DocumentNotGenuine,
                     drivers::fault_code(drivers::DeviceKind::ChipReader, FaultKind::Unreadable),
                     std::nullopt);
            return true;
        }
        ctx.session().chip_key.reset();
        identified(ctx, identity_from_chip(e->document), e->face);
        return true;
    }
    if (const auto* e = std::get_if<DeviceFailed>(&event)) {
        if (!is_reading(ctx.state.screen) || e->request != ctx.state.pending_request || e->request == 0)
            return false;
        read_answered(ctx);
        on_read_fault(ctx, e->fault);
        return true;
    }
    return false;
}

}  // namespace hk::kiosk::detail
