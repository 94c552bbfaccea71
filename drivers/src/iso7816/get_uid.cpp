#include "drivers/iso7816/get_uid.h"

namespace hk::drivers::iso7816 {

Bytes get_uid_command() {
    return {0xFF, 0xCA, 0x00, 0x00, 0x00};
}

bool is_get_uid_command(ByteView command) {
    return command.size() == 5 && command[0] == 0xFF && command[1] == 0xCA && command[2] == 0x00 &&
           command[3] == 0x00;
}

Bytes get_uid_answer(ByteView uid) {
    if (uid.empty()) return {0x6A, 0x81};
    Bytes answer(uid.begin(), uid.end());
    answer.push_back(0x90);
    answer.push_back(0x00);
    return answer;
}

}  // namespace hk::drivers::iso7816
