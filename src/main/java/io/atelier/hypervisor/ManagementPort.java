package io.atelier.hypervisor;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A node's management NIC as the host's bridge sees it: the tap device the platform names
 * ({@code atp} and 12 hex digits of the domain's name's SHA-256, 15 characters: Linux's limit),
 * the only MAC and the only IPv4 address frames entering the bridge from it may carry
 * ({@link HostFirewall#pin}). The domain's document records it ({@code <atelier:pinned>} in its
 * metadata, beside {@code <atelier:lab>}), so that whatever starts the VM (a cold boot, a
 * restore from a save image) pins its port first.
 */
public record ManagementPort(String dev, String mac, String ip) {

    /** The prefix of every pinned port: the host's bridge rules drop what such a port sends unless it is pinned. */
    public static final String PREFIX = "atp";
    private static final Pattern DEV = Pattern.compile(PREFIX + "[0-9a-f]{12}");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /** Refuses values that are not a pinned port's name, a MAC in lower case and a dotted IPv4 address (they go into nft's input). */
    public ManagementPort {
        if (dev == null || !DEV.matcher(dev).matches()) throw new IllegalArgumentException("management port name " + dev);
        if (mac == null || !MAC.matcher(mac).matches()) throw new IllegalArgumentException("management MAC " + mac);
        if (ip == null || !IPV4.matcher(ip).matches()) throw new IllegalArgumentException("management address " + ip);
    }

    /** The port of domain {@code domain}'s management NIC. */
    public static ManagementPort of(String domain, String mac, String ip) {
        return new ManagementPort(devOf(domain), mac.toLowerCase(java.util.Locale.ROOT), ip);
    }

    static String devOf(String domain) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(domain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pinned ports a domain's document records (none for a document written before ports were pinned). */
    public static List<ManagementPort> in(String domainXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList found = factory.newDocumentBuilder().parse(new InputSource(new StringReader(domainXml)))
                    .getElementsByTagNameNS(DomainXml.NAMESPACE, "pinned");
            List<ManagementPort> ports = new ArrayList<>();
            for (int i = 0; i < found.getLength(); i++) {
                Element pinned = (Element) found.item(i);
                ports.add(new ManagementPort(pinned.getAttribute("dev"), pinned.getAttribute("mac"), pinned.getAttribute("ip")));
            }
            return ports;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new HypervisorException("cannot read a domain's document: " + e.getMessage(), e);
        }
    }
}
