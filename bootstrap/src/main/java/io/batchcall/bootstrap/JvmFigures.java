package io.batchcall.bootstrap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Heap figures for GET /health/jvm (used by the benchmark to report peak heap). */
final class JvmFigures {

    private JvmFigures() {
    }

    static Map<String, Object> now() {
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                if (pool.getCollectionUsage() != null) {
                    afterGc += pool.getCollectionUsage().getUsed();
                }
            }
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("heapUsedBytes", heap.getUsed());
        out.put("heapMaxBytes", heap.getMax());
        out.put("heapAfterLastGcBytes", afterGc);
        return out;
    }
}
