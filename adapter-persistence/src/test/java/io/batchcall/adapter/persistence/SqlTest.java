package io.batchcall.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTest {

    @Test
    void textsBoundAsOneJsonArrayComeBackFromSqliteExactlyAsGiven() throws Exception {
        List<String> texts = List.of("+12125550101", "quote \" inside", "back\\slash", "tab\tand\nnewline\u0001", "é ünïcode ☎", "", "[1,2]");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             PreparedStatement ps = c.prepareStatement("select value from json_each(?)")) {
            ps.setString(1, Sql.jsonTexts(texts));
            List<String> back = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    back.add(rs.getString(1));
                }
            }
            assertThat(back).containsExactlyElementsOf(texts);
        }
        assertThat(Sql.jsonTexts(List.of())).isEqualTo("[]");
    }
}
