// The sleeping reader-writer lock (include/kernel/rwsem.h) on the host, where a task that would
// have to sleep is a bug (the host's completions panic): readers share it, a writer has it
// alone once the last reader left, and a writer or a reader arriving while it is held the
// other way would sleep.
#include <gtest/gtest.h>

#include "kernel/rwsem.h"
#include "mm_test_support.h"

namespace {

class RwsemTest : public ::testing::Test {
protected:
    RwsemTest() : old_(set_panic_handler(throwing_panic_handler)) { init_rwsem(&sem); }
    ~RwsemTest() override { set_panic_handler(old_); }
    rw_semaphore sem;
    panic_handler_t old_;
};

}  // namespace

TEST_F(RwsemTest, ReadersShareItAndTheLastOneLetsAWriterIn)
{
    down_read(&sem);
    down_read(&sem);
    EXPECT_EQ(sem.readers, 2u);
    up_read(&sem);
    up_read(&sem);
    EXPECT_EQ(sem.readers, 0u);
    down_write(&sem);
    up_write(&sem);
    down_read(&sem);  // free again after the writer
    up_read(&sem);
}

TEST_F(RwsemTest, AWriterWaitsForAReader)
{
    down_read(&sem);
    EXPECT_NE(panic_message([&] { down_write(&sem); }).find("would sleep"), std::string::npos);
}

TEST_F(RwsemTest, AReaderWaitsForAWriter)
{
    down_write(&sem);
    EXPECT_NE(panic_message([&] { down_read(&sem); }).find("would sleep"), std::string::npos);
}
