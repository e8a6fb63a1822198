plugins {
    java
    application
}

repositories {
    mavenLocal() // Live, installed from a clone
    mavenCentral()
}

java { toolchain { languageVersion = JavaLanguageVersion.of(17) } }

dependencies {
    val live = platform("dev.live:live-bom:0.1.0-SNAPSHOT")
    implementation(live)
    annotationProcessor(live)
    implementation("dev.live:live-runtime")
    implementation("dev.live:live-client")
    annotationProcessor("dev.live:live-processor")
    runtimeOnly("org.slf4j:slf4j-simple:2.0.17")

    testImplementation("dev.live:live-test")
    testImplementation(platform("org.junit:junit-bom:5.13.4"))
    testImplementation("org.junit.jupiter:junit-jupiter")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
    testImplementation("org.seleniumhq.selenium:selenium-chrome-driver:4.52.0")
    testImplementation("org.seleniumhq.selenium:selenium-support:4.52.0")
}

application { mainClass = "com.example.chat.ChatServer" }

tasks.test { useJUnitPlatform() }
