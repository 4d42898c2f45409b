#include "platform/board.h"

#include <fmt/format.h>

#include <cstring>

#include "ip/plic/plic_regs.h"
#include "platform/dram_char.h"
#include "platform/matrix_config.h"

namespace accelvp {

namespace {

sc_core::sc_time ns(uint64_t value) {
    return sc_core::sc_time(double(value), sc_core::SC_NS);
}

uint64_t checked(const Config& c, const std::string& key, uint64_t min, uint64_t max) {
    uint64_t v = c.get_u64(key);
    if (v < min || v > max)
        throw ConfigError(fmt::format("{} = {} is out of range [{}, {}]", key, v, min, max));
    return v;
}

uint8_t cycles(const Config& c, const std::string& name) {
    return uint8_t(checked(c, "soc.cpu.cycles." + name, 1, 255));
}

CpuConfig cpu_config(const Config& c) {
    CpuConfig cfg;
    cfg.clock_hz = checked(c, "soc.cpu.clock_hz", 1'000, 100'000'000'000ull);
    cfg.quantum = ns(checked(c, "soc.cpu.quantum_ns", 1, 1'000'000'000));
    cfg.hartid = uint32_t(checked(c, "soc.cpu.hartid", 0, 0xffffffff));
    cfg.reset_pc = uint32_t(checked(c, "soc.cpu.reset_pc", 0, 0xfffffffe));
    cfg.trap_loop_limit = uint32_t(checked(c, "sim.trap_loop_limit", 1, 1'000'000'000));
    rv::CycleCosts& k = cfg.costs;
    k.alu = cycles(c, "alu");
    k.branch = cycles(c, "branch");
    k.branch_taken = cycles(c, "branch_taken");
    k.jump = cycles(c, "jump");
    k.load = cycles(c, "load");
    k.store = cycles(c, "store");
    k.mul = cycles(c, "mul");
    k.div = cycles(c, "div");
    k.atomic = cycles(c, "atomic");
    k.csr = cycles(c, "csr");
    k.system = cycles(c, "system");
    k.fp = cycles(c, "fp");
    k.fp_fma = cycles(c, "fp_fma");
    k.fp_div = cycles(c, "fp_div");
    k.fp_sqrt = cycles(c, "fp_sqrt");
    if (k.branch_taken < k.branch)
        throw ConfigError("soc.cpu.cycles.branch_taken must not be below soc.cpu.cycles.branch");
    return cfg;
}

InterconnectConfig interconnect_config(const Config& c) {
    InterconnectConfig cfg;
    cfg.clock_hz = c.get_u64("soc.bus.clock_hz");
    cfg.data_bytes = uint32_t(checked(c, "soc.bus.data_bytes", 1, 128));
    cfg.request_cycles = uint32_t(checked(c, "soc.bus.request_cycles", 0, 1000));
    cfg.response_cycles = uint32_t(checked(c, "soc.bus.response_cycles", 0, 1000));
    cfg.max_burst_beats = uint32_t(checked(c, "soc.bus.max_burst_beats", 1, 256));
    cfg.max_outstanding = uint32_t(checked(c, "soc.bus.max_outstanding", 1, 1024));
    cfg.target_slots = uint32_t(checked(c, "soc.bus.target_slots", 1, 1024));
    const std::string arbitration = c.get_string("soc.bus.arbitration");
    if (arbitration == "round-robin")
        cfg.arbitration = ArbitrationPolicy::RoundRobin;
    else if (arbitration == "priority")
        cfg.arbitration = ArbitrationPolicy::Priority;
    else
        throw ConfigError(fmt::format(
            "soc.bus.arbitration = \"{}\": must be \"round-robin\" or \"priority\"", arbitration));
    try {
        cfg.validate();
    } catch (const std::invalid_argument& e) {
        throw ConfigError(fmt::format("soc.bus.{}", e.what()));
    }
    return cfg;
}

int priority(const Config& c, const std::string& initiator) {
    return int(c.get_i64("soc.bus.priority." + initiator));
}

DmaDeviceConfig dma_config(const Config& c) {
    DmaDeviceConfig cfg;
    cfg.engine.clock_hz = checked(c, "soc.dma.clock_hz", 1'000, 100'000'000'000ull);
    cfg.engine.max_burst_bytes = uint32_t(checked(c, "soc.dma.max_burst_bytes", 1, 4096));
    cfg.engine.outstanding = uint32_t(checked(c, "soc.dma.outstanding", 1, 256));
    cfg.chunk_bytes = uint32_t(checked(c, "soc.dma.chunk_bytes", 64, 1 << 24));
    return cfg;
}

constexpr uint64_t kGiB = uint64_t(1) << 30;

}  // namespace

Board::Board(sc_core::sc_module_name name, const Config& c, Tracer* tracer)
    : sc_module(name),
      cpu("cpu", cpu_config(c)),
      bus("bus", interconnect_config(c)),
      bootrom("bootrom", checked(c, "soc.bootrom.size", 32, 1 << 20), sc_core::SC_ZERO_TIME, true),
      sram("sram", checked(c, "soc.sram.size", 1, kGiB), ns(c.get_u64("soc.sram.latency_ns"))),
      pim_dram("pim_dram", checked(c, "soc.pim_dram.size", 1 << 20, kGiB),
               ns(c.get_u64("soc.pim_dram.latency_ns"))),
      clint("clint", sc_core::SC_ZERO_TIME,
            checked(c, "soc.clint.timebase_hz", 1, 1'000'000'000'000ull)),
      plic("plic", sc_core::SC_ZERO_TIME),
      uart0("uart0", sc_core::SC_ZERO_TIME),
      finisher("finisher", sc_core::SC_ZERO_TIME),
      simctrl("simctrl", sc_core::SC_ZERO_TIME),
      dma("dma", dma_config(c)),
      matrix("matrix", matrix_engine_config(c)),
      boot_rom_offset_(c.get_u64("soc.cpu.reset_pc") - c.get_u64("soc.bootrom.base")) {
    // Bus windows are named after their configuration keys ("soc.dram"), so that an overlap
    // names the two keys to look at.
    auto map = [&](const std::string& device, uint64_t size, tlm::tlm_target_socket<>* socket) {
        std::string key = "soc." + device;
        uint64_t base = c.get_u64(key + ".base");
        try {
            if (socket)
                bus.add_target(key, base, size, *socket);
            else
                bus.add_reserved(key, base, size);
        } catch (const std::invalid_argument& e) {
            throw ConfigError(fmt::format("{}.base/size: {}", key, e.what()));
        }
    };
    auto size_of = [&](const std::string& device) { return c.get_u64("soc." + device + ".size"); };
    bus.set_tracer(tracer);
    bus.connect_initiator("cpu", cpu.socket, priority(c, "cpu"));
    bus.connect_initiator("dma", dma.engine.socket, priority(c, "dma"));
    bus.connect_initiator("matrix", matrix.dma.socket, priority(c, "matrix"));
    cpu.set_tracer(tracer);
    build_dram(c, tracer);
    for (Memory* m : {&bootrom, &sram, &pim_dram, functional_dram_.get()}) {
        if (!m) continue;
        map(m->basename(), m->size(), &m->socket);  // a memory's window is its size
        storage_by_window_["soc." + std::string(m->basename())] = m->data();
    }
    if (timed_dram_) {
        map("dram", timed_dram_->size(), &timed_dram_->socket);
        storage_by_window_["soc.dram"] = timed_dram_->data();
    }
    map("clint", size_of("clint"), &clint.socket);
    map("plic", size_of("plic"), &plic.socket);
    map("uart0", size_of("uart0"), &uart0.socket);
    map("finisher", size_of("finisher"), &finisher.socket);
    map("simctrl", size_of("simctrl"), &simctrl.socket);
    map("dma", size_of("dma"), &dma.socket);
    map("matrix", size_of("matrix"), &matrix.socket);
    for (const char* reserved : {"sdpa", "pim"}) map(reserved, size_of(reserved), nullptr);

    clint.msip_irq.bind(cpu, rv::kIrqMsi);
    clint.mtip_irq.bind(cpu, rv::kIrqMti);
    plic.meip_irq.bind(cpu, rv::kIrqMei);
    uart0.irq.bind(plic, unsigned(checked(c, "soc.uart0.irq", 1, PLIC_NUM_SOURCES - 1)));
    dma.irq.bind(plic, unsigned(checked(c, "soc.dma.irq", 1, PLIC_NUM_SOURCES - 1)));
    matrix.irq.bind(plic, unsigned(checked(c, "soc.matrix.irq", 1, PLIC_NUM_SOURCES - 1)));
    cpu.set_time_source([this](sc_core::sc_time t) { return clint.mtime_at(t); });

    uart0.set_output([this](char ch) { console(std::string_view(&ch, 1)); });
    finisher.set_exit_handler([this](int code) { on_exit(code); });
    simctrl.set_roi_begin_handler([this](uint32_t id) {
        open_regions_[id] = {{"begin_ns", simctrl.time_ns()}, {"stats", stats_.snapshot()}};
    });
    simctrl.set_roi_end_handler([this](uint32_t id) {
        auto it = open_regions_.find(id);
        if (it == open_regions_.end()) return;
        const uint64_t begin_ns = it->second["begin_ns"], end_ns = simctrl.time_ns();
        nlohmann::json counters = StatsRegistry::difference(stats_.snapshot(), it->second["stats"]);
        regions_.push_back(
            {{"id", id},
             {"begin_ns", begin_ns},
             {"end_ns", end_ns},
             {"stats", stats_.derive(std::move(counters), (end_ns - begin_ns) * 1000)}});
        open_regions_.erase(it);
    });
    cpu.set_halt_handler([](Cpu::Halt) { sc_core::sc_stop(); });
    // Other loosely-timed initiators (accelerator DMA engines) decouple by the same quantum.
    tlm::tlm_global_quantum::instance().set(cpu.config().quantum);
    register_stats();
}

void Board::build_dram(const Config& c, Tracer* tracer) {
    const uint64_t size = checked(c, "soc.dram.size", 1 << 20, kGiB);
    const std::string model = c.get_string("soc.dram.model");
    if (model == "functional") {
        functional_dram_ =
            std::make_unique<Memory>("dram", size, ns(c.get_u64("soc.dram.latency_ns")));
        return;
    }
    if (model != "timed")
        throw ConfigError(
            fmt::format("soc.dram.model = \"{}\": must be \"timed\" or \"functional\"", model));
    const std::string preset = c.get_string("soc.dram.preset");
    if (std::string missing = missing_preset_message(preset); !missing.empty())
        throw ConfigError("soc.dram.preset: " + missing);
    try {
        dram::DramSpec spec = dram::DramSpec::load(dram_preset_path(preset));
        DramTargetConfig cfg;
        cfg.controller = dram::ControllerConfig::from_json(
            c.resolved()["soc"]["dram"]["controller"], "soc.dram.controller");
        cfg.size = size;
        cfg.dmi = c.get_bool("soc.dram.dmi");
        cfg.tracer = tracer;
        timed_dram_ = std::make_unique<DramTarget>("dram", spec, cfg);
    } catch (const std::exception& e) {
        throw ConfigError(fmt::format("soc.dram (preset \"{}\"): {}", preset, e.what()));
    }
}

uint8_t* Board::storage(const std::string& window) const {
    auto it = storage_by_window_.find(window);
    return it == storage_by_window_.end() ? nullptr : it->second;
}

void Board::register_stats() {
    rv::Hart& hart = cpu.hart();
    stats_.add_counter("soc.cpu.instructions", &hart.instret);
    stats_.add_counter("soc.cpu.cycles", &hart.cycle);
    stats_.add_counter("soc.cpu.exceptions", &hart.exceptions);
    stats_.add_counter("soc.cpu.interrupts", &hart.interrupts);
    stats_.add_value("soc.cpu.sleep_cycles", [this] { return cpu.sleep_cycles(); });
    stats_.add_value("soc.bus.decode_errors", [this] { return bus.decode_errors(); });
    stats_.add_value("soc.bus.bytes", [this] {  // moved through the fabric, all initiators
        uint64_t bytes = 0;
        for (const auto& port : bus.initiator_ports())
            bytes += port.counters.bytes_read + port.counters.bytes_written;
        return bytes;
    });
    // Ports are named when they are bound; the list is complete once elaboration is.
    for (const auto& port : bus.initiator_ports()) {
        const std::string path = "soc.bus.initiators." + port.name;
        stats_.add_value(path, [&port] { return port.counters.to_json(); });
        stats_.add_derived(path, PortCounters::derive);
    }
    for (const auto& port : bus.target_ports()) {
        const std::string path = "soc.bus.targets." + port.name.substr(port.name.find('.') + 1);
        stats_.add_value(path, [&port] { return port.counters.to_json(); });
        stats_.add_derived(path, PortCounters::derive);
    }
    stats_.add_value("soc.uart0.tx_bytes", [this] { return uart0.tx_bytes(); });
    stats_.add_value("soc.uart0.rx_bytes", [this] { return uart0.rx_bytes(); });
    stats_.add_value("soc.plic.claims", [this] { return plic.claims(); });
    stats_.add_value("soc.simctrl.checks_passed", [this] { return simctrl.checks_passed(); });
    stats_.add_value("soc.simctrl.checks_failed", [this] { return simctrl.checks_failed(); });
    for (Memory* m : {&sram, &pim_dram, functional_dram_.get()}) {
        if (!m) continue;
        std::string prefix = std::string("soc.") + m->basename();
        stats_.add_value(prefix + ".bus_reads", [m] { return m->reads(); });
        stats_.add_value(prefix + ".bus_writes", [m] { return m->writes(); });
        // Bytes that reached the memory through the fabric (DMI accesses are not seen).
        for (const auto& port : bus.target_ports()) {
            if (port.name != prefix) continue;
            stats_.add_value(prefix + ".bytes_read", [&port] { return port.counters.bytes_read; });
            stats_.add_value(prefix + ".bytes_written",
                             [&port] { return port.counters.bytes_written; });
        }
    }
    stats_.add_value("soc.dma.copies", [this] { return dma.copies(); });
    stats_.add_value("soc.dma.bytes_copied", [this] { return dma.bytes_copied(); });
    stats_.add_value("soc.dma.busy_cycles", [this] { return dma.busy_cycles(); });
    stats_.add_value("soc.dma.errors", [this] { return dma.errors(); });
    const nlohmann::json matrix_totals = matrix.totals_json();  // for the names of its counters
    for (const auto& item : matrix_totals.items())
        stats_.add_value("soc.matrix." + item.key(),
                         [this, key = item.key()] { return matrix.totals_json()[key]; });
    stats_.add_derived("soc.matrix", [this](const nlohmann::json& totals, uint64_t elapsed_ps) {
        return matrix.derive(totals, elapsed_ps);
    });
    if (timed_dram_) {
        // One value for the whole DRAM: its counters are read together, once per snapshot.
        stats_.add_value("soc.dram", [this] { return timed_dram_->stats_json(); });
    }
}

void Board::set_console(std::function<void(std::string_view)> console) {
    console_ = std::move(console);
}

void Board::console(std::string_view text) {
    if (console_) console_(text);
}

std::vector<MemoryRange> Board::memories() const {
    std::vector<MemoryRange> ranges;
    for (const AddressMap::Window& w : bus.address_map().windows())
        if (storage_by_window_.count(w.name)) ranges.push_back({w.name, w.base, w.size});
    return ranges;
}

void Board::load(const ElfImage& image) {
    check_segments_fit(image, memories());
    for (const ElfSegment& seg : image.segments) {
        const AddressMap::Window* w = bus.address_map().find(seg.paddr);
        uint8_t* dst = storage_by_window_.at(w->name) + (seg.paddr - w->base);
        if (!seg.data.empty()) std::memcpy(dst, seg.data.data(), seg.data.size());
        std::memset(dst + seg.data.size(), 0, seg.memsz - seg.data.size());
    }
    write_boot_rom(uint32_t(image.entry));
    if (auto tohost = image.symbol("tohost")) {
        std::optional<uint32_t> fromhost;
        if (auto f = image.symbol("fromhost")) fromhost = uint32_t(*f);
        htif_ = std::make_unique<Htif>(
            cpu.hart(), uint32_t(*tohost), fromhost, [this](std::string_view t) { console(t); },
            [this](int code) { on_exit(code); });
        stats_.add_value("soc.cpu.htif_syscalls", [this] { return htif_->syscalls(); });
    }
}

// The reset vector: a0 = mhartid, a1 = 0, then jump to the entry stored after the code.
void Board::write_boot_rom(uint32_t entry) {
    const uint32_t code[] = {
        0x00000297,  // auipc t0, 0
        0x0182a283,  // lw    t0, 24(t0)
        0xf1402573,  // csrr  a0, mhartid
        0x00000593,  // li    a1, 0
        0x00028067,  // jr    t0
        0x00000013,  // nop
        entry,       // at offset 24
    };
    uint64_t offset = boot_rom_offset_;
    if (offset + sizeof(code) > bootrom.size())
        throw ConfigError(
            "soc.cpu.reset_pc: the reset vector must lie inside the boot ROM "
            "(soc.bootrom.base/size)");
    std::memcpy(bootrom.data() + offset, code, sizeof(code));
}

void Board::on_exit(int code) {
    if (!exit_code_) exit_code_ = code;
    cpu.request_stop();
}

RunOutcome Board::run(const RunLimits& limits) {
    cpu.set_instruction_limit(limits.max_instructions);
    if (limits.max_time) cpu.set_time_limit(*limits.max_time);
    if (limits.max_time)
        sc_core::sc_start(*limits.max_time);
    else
        sc_core::sc_start();

    switch (cpu.halt_reason()) {
        case Cpu::Halt::Stopped:
            return {RunOutcome::Kind::Exited, exit_code_.value_or(0), ""};
        case Cpu::Halt::InstructionLimit:
            return {RunOutcome::Kind::InstructionLimit, 0,
                    fmt::format("instruction limit reached: {} instructions retired",
                                cpu.hart().instret)};
        case Cpu::Halt::TrapLoop:
            return {RunOutcome::Kind::TrapLoop, 0, cpu.hart().stop_message()};
        case Cpu::Halt::WfiForever:
            return {RunOutcome::Kind::Hung, 0, cpu.hart().stop_message()};
        case Cpu::Halt::Cancelled:
            return {RunOutcome::Kind::Interrupted, 0,
                    fmt::format("interrupted at pc {:#010x}", cpu.hart().pc)};
        case Cpu::Halt::Running:
            break;
    }
    if (limits.max_time && sc_core::sc_time_stamp() >= *limits.max_time)
        return {RunOutcome::Kind::TimeLimit, 0,
                fmt::format("time limit reached at {} ns of simulated time (pc {:#010x})",
                            uint64_t(sc_core::sc_time_stamp().to_seconds() * 1e9 + 0.5),
                            cpu.hart().pc)};
    return {RunOutcome::Kind::Hung, 0,
            fmt::format("the CPU sleeps in WFI at pc {:#010x} and no event is left that could wake "
                        "it (mie = {:#x})",
                        cpu.hart().pc, cpu.hart().mie())};
}

}  // namespace accelvp
