//! hexo-abbrlink's short links, for a post that has no `abbrlink:` yet: a CRC of its title
//! (CRC-16/ARC or CRC-32 of the UTF-8 bytes), written in hex or decimal, as the plugin
//! computes it (and then writes into the post, which is why most blogs already have them).

/// The plugin's settings in `_config.yml` (`abbrlink: {alg: crc32, rep: hex}`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Abbrlink {
    pub crc32: bool,
    pub hex: bool,
}

impl Abbrlink {
    /// The settings from `alg` (`crc16`, the default, or `crc32`) and `rep` (`dec`, the
    /// default, or `hex`).
    pub fn new(alg: Option<&str>, rep: Option<&str>) -> Self {
        Self {
            crc32: alg == Some("crc32"),
            hex: rep == Some("hex"),
        }
    }

    /// The link the plugin makes of `title`.
    pub fn of(self, title: &str) -> String {
        let value = match self.crc32 {
            true => crc32(title.as_bytes()),
            false => u32::from(crc16_arc(title.as_bytes())),
        };
        match self.hex {
            true => format!("{value:x}"),
            false => value.to_string(),
        }
    }
}

/// CRC-32 (IEEE 802.3, reflected, as zlib and the plugin's crc32.js compute it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// CRC-16/ARC (reflected polynomial 0xA001, starting at 0: the plugin's crc16.js table).
fn crc16_arc(bytes: &[u8]) -> u16 {
    let mut crc = 0u16;
    for &byte in bytes {
        crc ^= u16::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_as_the_plugin_makes_them() {
        // The standard check values of both CRCs, over "123456789".
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc16_arc(b"123456789"), 0xBB3D);
        let hex32 = Abbrlink::new(Some("crc32"), Some("hex"));
        assert_eq!(hex32.of("123456789"), "cbf43926");
        assert_eq!(Abbrlink::new(None, None).of("123456789"), "47933");
    }
}
